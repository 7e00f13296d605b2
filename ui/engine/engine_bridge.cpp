#include "engine/engine_bridge.h"

#include "engine/engine_worker.h"

namespace lanterna::ui {

EngineBridge::EngineBridge(QObject* parent) : QObject(parent) {
  registerEngineTypes();
  thread_.setObjectName(QStringLiteral("lanterna-engine"));
  worker_ = new EngineWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

  connect(worker_, &EngineWorker::modelsLoaded, this,
          [this](const QString& dir, const QString& description) {
            if (dir != modelsDir_) return;  // superseded by a later load
            modelsReady_ = true;
            Q_EMIT modelsLoaded(description);
          });
  connect(worker_, &EngineWorker::modelsFailed, this,
          [this](const QString& dir, const QString& message) {
            if (dir != modelsDir_) return;
            modelsReady_ = false;
            Q_EMIT modelsFailed(message);
          });
  connect(worker_, &EngineWorker::started, this, [this](quint64) { Q_EMIT started(); });
  connect(worker_, &EngineWorker::progress, this,
          [this](quint64, const ProgressInfo& info, const VideoPtr& preview) {
            if (preview) worker_->previewConsumed();
            Q_EMIT progress(info, preview);
          });
  connect(worker_, &EngineWorker::warning, this,
          [this](quint64, const QString& message) { Q_EMIT warning(message); });
  connect(worker_, &EngineWorker::finished, this, [this](quint64, const VideoPtr& video) {
    jobEnded();
    Q_EMIT finished(video);
  });
  connect(worker_, &EngineWorker::failed, this, [this](quint64, const JobError& error) {
    jobEnded();
    Q_EMIT failed(error);
  });
  connect(worker_, &EngineWorker::cancelled, this, [this](quint64) {
    jobEnded();
    Q_EMIT cancelled();
  });
  thread_.start();
}

EngineBridge::~EngineBridge() {
  // Stop the run first: the thread's event loop only sees quit() once the
  // running generate() returns, which the cancel makes happen within a second.
  worker_->cancel(lastJob_);
  thread_.quit();
  thread_.wait();
}

void EngineBridge::loadModels(const QString& modelsDir, int threads) {
  modelsDir_ = modelsDir;
  modelsReady_ = false;
  EngineWorker* worker = worker_;
  QMetaObject::invokeMethod(
      worker_, [worker, modelsDir, threads] { worker->loadModels(modelsDir, threads); },
      Qt::QueuedConnection);
}

quint64 EngineBridge::generate(const lanterna::GenerationRequest& request) {
  const quint64 job = ++lastJob_;
  if (activeJobs_++ == 0) Q_EMIT busyChanged(true);
  EngineWorker* worker = worker_;
  QMetaObject::invokeMethod(
      worker_, [worker, job, request] { worker->generate(job, request); }, Qt::QueuedConnection);
  return job;
}

void EngineBridge::cancel() {
  if (activeJobs_ > 0) worker_->cancel(lastJob_);
}

void EngineBridge::setProgressHook(std::function<void(const ProgressInfo&)> hook) {
  worker_->setProgressHook(std::move(hook));
}

void EngineBridge::jobEnded() {
  if (activeJobs_ > 0 && --activeJobs_ == 0) Q_EMIT busyChanged(false);
}

}  // namespace lanterna::ui
