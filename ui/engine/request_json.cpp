#include "engine/request_json.h"

#include <QJsonDocument>

namespace lanterna::ui {

QJsonObject settingsToJson(const lanterna::GenerationRequest& r) {
  QJsonObject j;
  j[QStringLiteral("generator")] = QStringLiteral("lanterna");
  j[QStringLiteral("mode")] = QString::fromStdString(lanterna::mode_name(r.mode));
  j[QStringLiteral("prompt")] = QString::fromStdString(r.prompt);
  j[QStringLiteral("negative_prompt")] = QString::fromStdString(r.negative_prompt);
  j[QStringLiteral("seed")] = static_cast<double>(r.seed);
  j[QStringLiteral("frames")] = r.frames;
  j[QStringLiteral("fps")] = r.fps;
  j[QStringLiteral("steps")] = r.steps;
  j[QStringLiteral("guidance")] = r.guidance;
  j[QStringLiteral("sampler")] = QString::fromStdString(r.sampler);
  j[QStringLiteral("size")] = r.size;
  j[QStringLiteral("style")] = QString::fromStdString(r.style);
  j[QStringLiteral("style_strength")] = r.style_strength;
  j[QStringLiteral("edit_strength")] = r.edit_strength;
  j[QStringLiteral("expand")] = r.expand;
  j[QStringLiteral("compose_objects")] = r.compose_objects;
  j[QStringLiteral("candidates")] = r.candidates;
  return j;
}

bool applySettings(const QJsonObject& j, lanterna::GenerationRequest& r) {
  if (!j.contains(QStringLiteral("prompt")) && !j.contains(QStringLiteral("mode"))) return false;
  auto str = [&](const char* key, std::string& field) {
    const QJsonValue v = j.value(QLatin1String(key));
    if (v.isString()) field = v.toString().toStdString();
  };
  auto integer = [&](const char* key, int& field) {
    const QJsonValue v = j.value(QLatin1String(key));
    if (v.isDouble()) field = v.toInt();
  };
  auto number = [&](const char* key, double& field) {
    const QJsonValue v = j.value(QLatin1String(key));
    if (v.isDouble()) field = v.toDouble();
  };
  const QJsonValue mode = j.value(QStringLiteral("mode"));
  if (mode.isString()) {
    try {
      r.mode = lanterna::parse_mode(mode.toString().toStdString());
    } catch (const std::exception&) {
      // An unknown mode from a newer build: keep the current one.
    }
  }
  str("prompt", r.prompt);
  str("negative_prompt", r.negative_prompt);
  if (j.value(QStringLiteral("seed")).isDouble())
    r.seed = static_cast<uint64_t>(j.value(QStringLiteral("seed")).toDouble());
  integer("frames", r.frames);
  integer("fps", r.fps);
  integer("steps", r.steps);
  number("guidance", r.guidance);
  str("sampler", r.sampler);
  integer("size", r.size);
  str("style", r.style);
  number("style_strength", r.style_strength);
  number("edit_strength", r.edit_strength);
  integer("expand", r.expand);
  // Absent in settings saved before object composition: keep the current choice.
  const QJsonValue compose = j.value(QStringLiteral("compose_objects"));
  if (compose.isBool()) r.compose_objects = compose.toBool();
  integer("candidates", r.candidates);
  return true;
}

QJsonObject parseSettings(const std::string& text) {
  if (text.empty()) return {};
  return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

}  // namespace lanterna::ui
