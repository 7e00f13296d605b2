// Generation settings as JSON, with the keys core writes into every export's
// settings (engine.cpp settings_json), so a dropped export, a history entry
// and a project file all restore the same way.
#pragma once

#include "engine/request.h"

#include <QJsonObject>

namespace lanterna::ui {

QJsonObject settingsToJson(const lanterna::GenerationRequest& request);
// Sets the fields present in `json`; unknown or missing keys are left alone.
// Returns false when `json` is not Lanterna settings (no prompt and no mode).
bool applySettings(const QJsonObject& json, lanterna::GenerationRequest& request);
// Parses settings text (as embedded in exports); empty object on failure.
QJsonObject parseSettings(const std::string& text);

}  // namespace lanterna::ui
