#include "engine/engine_worker.h"

#include "common/error.h"
#include "engine/engine.h"

#include <cstdlib>

namespace lanterna::ui {

void registerEngineTypes() {
  qRegisterMetaType<VideoPtr>("lanterna::ui::VideoPtr");
  qRegisterMetaType<ProgressInfo>("lanterna::ui::ProgressInfo");
  qRegisterMetaType<JobError>("lanterna::ui::JobError");
  qRegisterMetaType<lanterna::GenerationRequest>("lanterna::GenerationRequest");
}

namespace {

double meanAbsDifference(const lanterna::Video& a, const lanterna::Video& b) {
  if (a.rgb.size() != b.rgb.size() || a.rgb.empty()) return -1;
  uint64_t sum = 0;
  for (size_t i = 0; i < a.rgb.size(); ++i)
    sum += static_cast<uint64_t>(std::abs(a.rgb[i] - b.rgb[i]));
  return static_cast<double>(sum) / (255.0 * static_cast<double>(a.rgb.size()));
}

}  // namespace

EngineWorker::EngineWorker() = default;
EngineWorker::~EngineWorker() = default;

void EngineWorker::cancel(quint64 upTo) {
  cancelUpTo_.store(upTo);
  cancelFlag_.store(true);
}

void EngineWorker::previewConsumed() {
  pendingPreviews_.fetch_sub(1);
}

void EngineWorker::loadModels(const QString& modelsDir, int threads) {
  try {
    engine_.reset();
    lanterna::EngineOptions options;
    options.models_dir = modelsDir.toStdString();
    options.threads = threads;
    engine_ = std::make_unique<lanterna::Engine>(options);
    Q_EMIT modelsLoaded(modelsDir, QString::fromStdString(engine_->describe()));
  } catch (const std::exception& e) {
    Q_EMIT modelsFailed(modelsDir, QString::fromStdString(e.what()));
  }
}

void EngineWorker::generate(quint64 job, const lanterna::GenerationRequest& request) {
  // A cancel may have arrived before this job started; see cancel().
  cancelFlag_.store(false);
  if (cancelUpTo_.load() >= job) cancelFlag_.store(true);
  if (cancelFlag_.load()) {
    Q_EMIT cancelled(job);
    return;
  }
  if (!engine_) {
    Q_EMIT failed(job, JobError{static_cast<int>(lanterna::ErrorCode::NotFound),
                                QStringLiteral("no models are loaded")});
    return;
  }
  Q_EMIT started(job);
  std::shared_ptr<const lanterna::Video> previous;
  std::string previousStage;
  lanterna::RunCallbacks callbacks;
  callbacks.cancel = &cancelFlag_;
  callbacks.on_warning = [&](const std::string& message) {
    Q_EMIT warning(job, QString::fromStdString(message));
  };
  callbacks.on_progress = [&](const lanterna::Progress& p) {
    ProgressInfo info;
    info.stage = QString::fromStdString(p.stage);
    info.step = p.step;
    info.total = p.total;
    info.pass = p.pass;
    info.passes = p.passes;
    info.etaSeconds = p.eta_seconds;
    VideoPtr preview;
    if (p.preview && !p.preview->empty()) {
      // The engine's preview is only valid during this call: copy it.
      auto copy = std::make_shared<const lanterna::Video>(*p.preview);
      if (previous && previousStage == p.stage)
        info.updateMagnitude = meanAbsDifference(*previous, *copy);
      previous = copy;
      previousStage = p.stage;
      if (pendingPreviews_.load() < 2) {
        pendingPreviews_.fetch_add(1);
        preview = copy;
      }
    }
    Q_EMIT progress(job, info, preview);
    if (progressHook_) progressHook_(info);
  };
  try {
    auto video = std::make_shared<const lanterna::Video>(engine_->generate(request, callbacks));
    Q_EMIT finished(job, video);
  } catch (const lanterna::Error& e) {
    if (e.code() == lanterna::ErrorCode::Cancelled)
      Q_EMIT cancelled(job);
    else
      Q_EMIT failed(job, JobError{static_cast<int>(e.code()), QString::fromStdString(e.what())});
  } catch (const std::exception& e) {
    Q_EMIT failed(job, JobError{static_cast<int>(lanterna::ErrorCode::Internal),
                                QString::fromStdString(e.what())});
  }
}

}  // namespace lanterna::ui
