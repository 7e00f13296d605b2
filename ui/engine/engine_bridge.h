// The UI side of the engine: owns the engine thread and its EngineWorker,
// hands requests over as queued calls and re-emits the worker's results on
// the UI thread. Destroying the bridge cancels any run and joins the thread.
#pragma once

#include "engine/engine_types.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace lanterna::ui {

class EngineWorker;

class EngineBridge : public QObject {
  Q_OBJECT
 public:
  explicit EngineBridge(QObject* parent = nullptr);
  ~EngineBridge() override;

  // Loads (or reloads) the models folder on the engine thread.
  void loadModels(const QString& modelsDir, int threads = 0);
  // Queues a run; returns its job number.
  quint64 generate(const lanterna::GenerationRequest& request);
  // Cancels the running job and every queued one; takes effect within about
  // one network evaluation (the worker polls an atomic).
  void cancel();
  // See EngineWorker::setProgressHook (tests only).
  void setProgressHook(std::function<void(const lanterna::ui::ProgressInfo&)> hook);
  bool isBusy() const { return activeJobs_ > 0; }
  bool modelsReady() const { return modelsReady_; }
  QString modelsDir() const { return modelsDir_; }

 Q_SIGNALS:
  void modelsLoaded(const QString& description);
  void modelsFailed(const QString& message);
  void started();
  void progress(const lanterna::ui::ProgressInfo& info, const lanterna::ui::VideoPtr& preview);
  void warning(const QString& message);
  void finished(const lanterna::ui::VideoPtr& video);
  void failed(const lanterna::ui::JobError& error);
  void cancelled();
  void busyChanged(bool busy);

 private:
  void jobEnded();

  QThread thread_;
  EngineWorker* worker_ = nullptr;  // lives on thread_, deleted when it ends
  quint64 lastJob_ = 0;
  int activeJobs_ = 0;
  bool modelsReady_ = false;
  QString modelsDir_;
};

}  // namespace lanterna::ui
