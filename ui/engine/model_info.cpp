#include "engine/model_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lanterna::ui {

namespace {

QJsonObject readJson(const QString& file) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

QStringList splitPromptWords(const QString& text) {
  QStringList words;
  QString current;
  for (QChar ch : text) {
    // The tokenizer works on bytes with std::isalnum: ASCII letters and digits.
    if (ch.unicode() < 128 && ch.isLetterOrNumber()) {
      current.append(ch.toLower());
    } else if (!current.isEmpty()) {
      words.append(current);
      current.clear();
    }
  }
  if (!current.isEmpty()) words.append(current);
  return words;
}

ModelInfo ModelInfo::read(const QString& modelsDir) {
  ModelInfo info;
  const QJsonObject base = readJson(QDir(modelsDir).filePath(QStringLiteral("base/model.json")));
  if (base.isEmpty()) return info;
  info.valid = true;
  info.name = base.value(QStringLiteral("name")).toString();
  info.resolution = base.value(QStringLiteral("resolution")).toInt();
  const QJsonObject frames = base.value(QStringLiteral("frames")).toObject();
  info.minFrames = frames.value(QStringLiteral("min")).toInt(16);
  info.maxFrames = frames.value(QStringLiteral("max")).toInt(80);
  info.fps = base.value(QStringLiteral("fps")).toInt(8);
  const QJsonArray vocab =
      base.value(QStringLiteral("text")).toObject().value(QStringLiteral("vocab")).toArray();
  for (const auto& word : vocab) {
    const QString w = word.toString();
    if (w.startsWith(QLatin1Char('<'))) continue;  // <pad>, <bos>
    info.vocabulary.append(w);
    info.known_.insert(w);
  }
  info.hasSsr = QFileInfo::exists(QDir(modelsDir).filePath(QStringLiteral("ssr/model.json")));
  const QDir styles(QDir(modelsDir).filePath(QStringLiteral("styles")));
  info.styles = styles.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  return info;
}

QStringList ModelInfo::unknownWords(const QString& prompt) const {
  QStringList unknown;
  if (!valid) return unknown;
  for (const QString& w : splitPromptWords(prompt))
    if (!known_.contains(w) && !unknown.contains(w)) unknown.append(w);
  return unknown;
}

QString defaultModelsDir() {
  const QString env = qEnvironmentVariable("LANTERNA_MODELS");
  if (!env.isEmpty()) return env;
  const QString installed = QDir(QCoreApplication::applicationDirPath())
                                .absoluteFilePath(QStringLiteral("../share/lanterna/models"));
  if (QFileInfo::exists(installed + QStringLiteral("/base"))) return QDir::cleanPath(installed);
  return QStringLiteral(LANTERNA_SOURCE_DIR "/resources/models");
}

}  // namespace lanterna::ui
