#include "project/project_file.h"

#include "common/error.h"
#include "engine/video_convert.h"
#include "io/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <filesystem>

namespace lanterna::ui {

namespace {

constexpr int kVersion = 1;

QString framePath(const QString& dir, int i) {
  return QStringLiteral("%1/frame_%2.png").arg(dir).arg(i, 4, 10, QLatin1Char('0'));
}

void writeFrames(const QString& root, const QString& folder, const lanterna::Video& clip) {
  const QString dir = QDir(root).filePath(folder);
  if (!QDir().mkpath(dir))
    throw lanterna::Error(lanterna::ErrorCode::Io, "cannot create " + dir.toStdString());
  for (int i = 0; i < clip.frames; ++i) {
    const QString file = framePath(dir, i);
    if (!frameImage(clip, i).save(file, "PNG"))
      throw lanterna::Error(lanterna::ErrorCode::Io, "cannot write " + file.toStdString());
  }
}

VideoPtr readFrames(const QString& root, const QJsonObject& j) {
  const QString dir = QDir(root).filePath(j.value(QStringLiteral("folder")).toString());
  const int frames = j.value(QStringLiteral("frames")).toInt();
  QVector<QImage> images;
  for (int i = 0; i < frames; ++i) {
    const QString file = framePath(dir, i);
    QImage image(file);
    if (image.isNull())
      throw lanterna::Error(lanterna::ErrorCode::BadFile,
                            "project media " + file.toStdString() + " is missing or unreadable");
    images.push_back(image);
  }
  auto video = std::make_shared<lanterna::Video>(
      toVideo(images, j.value(QStringLiteral("fps")).toDouble(8)));
  video->settings_json = j.value(QStringLiteral("settings_json")).toString().toStdString();
  return video;
}

QJsonObject clipJson(const QString& folder, const lanterna::Video& clip) {
  QJsonObject j;
  j[QStringLiteral("folder")] = folder;
  j[QStringLiteral("frames")] = clip.frames;
  j[QStringLiteral("fps")] = clip.fps;
  j[QStringLiteral("settings_json")] = QString::fromStdString(clip.settings_json);
  return j;
}

}  // namespace

QString mediaFolderFor(const QString& projectPath) {
  return projectPath + QStringLiteral(".d");
}

void writeProject(const QString& path, const ProjectState& s) {
  namespace fs = std::filesystem;
  const QString mediaDir = mediaFolderFor(path);
  const fs::path staging = lanterna::temporary_path_for(mediaDir.toStdString());
  const QString root = QString::fromStdString(staging.string());
  QJsonObject doc;
  doc[QStringLiteral("format")] = QStringLiteral("lanterna-project");
  doc[QStringLiteral("version")] = kVersion;
  doc[QStringLiteral("media")] = QFileInfo(mediaDir).fileName();
  doc[QStringLiteral("settings")] = s.settings;
  try {
    QDir().mkpath(root);
    if (s.input) {
      writeFrames(root, QStringLiteral("input"), *s.input);
      QJsonObject input = clipJson(QStringLiteral("input"), *s.input);
      input[QStringLiteral("still")] = s.inputStill;
      input[QStringLiteral("source")] = s.inputPath;
      doc[QStringLiteral("input")] = input;
    }
    if (!s.mask.isNull()) {
      const QString file = QDir(root).filePath(QStringLiteral("mask.png"));
      if (!s.mask.save(file, "PNG"))
        throw lanterna::Error(lanterna::ErrorCode::Io, "cannot write " + file.toStdString());
      QJsonObject mask;
      mask[QStringLiteral("file")] = QStringLiteral("mask.png");
      mask[QStringLiteral("range")] =
          s.maskRange == 1 ? QStringLiteral("in_out") : QStringLiteral("all");
      doc[QStringLiteral("mask")] = mask;
    }
    QJsonArray history;
    for (int i = 0; i < s.history.size(); ++i) {
      const HistoryEntry& e = s.history[i];
      if (!e.clip) continue;
      const QString folder = QStringLiteral("history/%1").arg(i, 3, 10, QLatin1Char('0'));
      writeFrames(root, folder, *e.clip);
      QJsonObject entry = clipJson(folder, *e.clip);
      entry[QStringLiteral("settings")] = e.settings;
      history.append(entry);
    }
    doc[QStringLiteral("history")] = history;
    QJsonObject timeline;
    timeline[QStringLiteral("current")] = s.current;
    timeline[QStringLiteral("in")] = s.in;
    timeline[QStringLiteral("out")] = s.out;
    doc[QStringLiteral("timeline")] = timeline;
    lanterna::replace_directory(staging, mediaDir.toStdString());
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    throw;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(QJsonDocument(doc).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
    throw lanterna::Error(lanterna::ErrorCode::Io, "cannot write " + path.toStdString() + ": " +
                                                       file.errorString().toStdString());
}

ProjectState readProject(const QString& path) {
  QFile file(path);
  if (!file.exists())
    throw lanterna::Error(lanterna::ErrorCode::NotFound, path.toStdString() + " does not exist");
  if (!file.open(QIODevice::ReadOnly))
    throw lanterna::Error(lanterna::ErrorCode::Io, "cannot read " + path.toStdString());
  QJsonParseError parseError;
  const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
  const QJsonObject doc = json.object();
  if (json.isNull() || doc.value(QStringLiteral("format")).toString() != "lanterna-project")
    throw lanterna::Error(lanterna::ErrorCode::BadFile,
                          path.toStdString() + " is not a Lanterna project");
  if (doc.value(QStringLiteral("version")).toInt() > kVersion)
    throw lanterna::Error(lanterna::ErrorCode::BadFile,
                          path.toStdString() + " was written by a newer Lanterna");
  const QString root =
      QDir(QFileInfo(path).absolutePath()).filePath(doc.value(QStringLiteral("media")).toString());
  ProjectState s;
  s.settings = doc.value(QStringLiteral("settings")).toObject();
  const QJsonObject input = doc.value(QStringLiteral("input")).toObject();
  if (!input.isEmpty()) {
    s.input = readFrames(root, input);
    s.inputStill = input.value(QStringLiteral("still")).toBool(true);
    s.inputPath = input.value(QStringLiteral("source")).toString();
  }
  const QJsonObject mask = doc.value(QStringLiteral("mask")).toObject();
  if (!mask.isEmpty()) {
    s.mask = QImage(QDir(root).filePath(mask.value(QStringLiteral("file")).toString()));
    s.maskRange = mask.value(QStringLiteral("range")).toString() == "in_out" ? 1 : 0;
  }
  for (const auto& value : doc.value(QStringLiteral("history")).toArray()) {
    const QJsonObject entry = value.toObject();
    s.history.push_back(
        HistoryEntry{readFrames(root, entry), entry.value(QStringLiteral("settings")).toObject()});
  }
  const QJsonObject timeline = doc.value(QStringLiteral("timeline")).toObject();
  s.current = timeline.value(QStringLiteral("current")).toInt(-1);
  s.in = timeline.value(QStringLiteral("in")).toInt(0);
  s.out = timeline.value(QStringLiteral("out")).toInt(-1);
  return s;
}

}  // namespace lanterna::ui
