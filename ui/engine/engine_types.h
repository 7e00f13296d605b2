// Plain values that cross the worker thread boundary in queued signals.
#pragma once

#include "engine/request.h"
#include "engine/video.h"

#include <QMetaType>
#include <QString>

#include <memory>

namespace lanterna::ui {

// Clips travel between threads as shared, immutable values (no copies per hop).
using VideoPtr = std::shared_ptr<const lanterna::Video>;

struct ProgressInfo {
  QString stage;          // "base" or "ssr"
  int step = 0;           // steps done in this stage
  int total = 0;          // steps in this stage
  int pass = 0;           // sampling pass within the stage (0-based; base: one per
  int passes = 1;         // object when two objects are composed)
  double etaSeconds = 0;  // for the whole request
  // Mean absolute change of the clean estimate since the previous step, in
  // 0..1 of the 8-bit range; negative when there is no previous estimate.
  double updateMagnitude = -1;
};

// Why a job ended without a clip: the core error code and its message.
struct JobError {
  int code = 0;  // lanterna::ErrorCode
  QString message;
};

void registerEngineTypes();

}  // namespace lanterna::ui

Q_DECLARE_METATYPE(lanterna::ui::VideoPtr)
Q_DECLARE_METATYPE(lanterna::ui::ProgressInfo)
Q_DECLARE_METATYPE(lanterna::ui::JobError)
Q_DECLARE_METATYPE(lanterna::GenerationRequest)
