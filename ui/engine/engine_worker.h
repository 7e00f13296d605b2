// The object that owns the Engine. It lives on the engine thread (see
// EngineBridge); every slot runs there, so the UI thread never runs a tensor
// operation. Results come back as queued signals.
#pragma once

#include "engine/engine_types.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace lanterna {
class Engine;
}

namespace lanterna::ui {

class EngineWorker : public QObject {
  Q_OBJECT
 public:
  EngineWorker();
  ~EngineWorker() override;

  // Thread-safe, called directly from the UI thread (a queued cancel would
  // only arrive after the run it should stop): cancels job `upTo` and every
  // job submitted before it.
  void cancel(quint64 upTo);
  // Thread-safe: the UI has drawn a preview; previews are dropped while two
  // are waiting, so a slow UI never queues up stale clips.
  void previewConsumed();
  // Called on the engine thread after every progress report. For tests that
  // must act at a known point of a run; set it while no job is queued.
  void setProgressHook(std::function<void(const ProgressInfo&)> hook) {
    progressHook_ = std::move(hook);
  }

 public Q_SLOTS:
  void loadModels(const QString& modelsDir, int threads = 0);
  void generate(quint64 job, const lanterna::GenerationRequest& request);

 Q_SIGNALS:
  void modelsLoaded(const QString& modelsDir, const QString& description);
  void modelsFailed(const QString& modelsDir, const QString& message);
  void started(quint64 job);
  void progress(quint64 job, const lanterna::ui::ProgressInfo& info,
                const lanterna::ui::VideoPtr& preview);
  void warning(quint64 job, const QString& message);
  void finished(quint64 job, const lanterna::ui::VideoPtr& video);
  void failed(quint64 job, const lanterna::ui::JobError& error);
  void cancelled(quint64 job);

 private:
  std::unique_ptr<lanterna::Engine> engine_;
  std::atomic<quint64> cancelUpTo_{0};
  std::atomic<bool> cancelFlag_{false};
  std::atomic<int> pendingPreviews_{0};
  std::function<void(const ProgressInfo&)> progressHook_;
};

}  // namespace lanterna::ui
