#include "main_window.h"

#include "dialogs/export_dialog.h"
#include "engine/engine_bridge.h"
#include "engine/request_json.h"
#include "engine/video_convert.h"
#include "panels/history_panel.h"
#include "panels/input_panel.h"
#include "panels/mask_panel.h"
#include "panels/plots_panel.h"
#include "panels/prompt_panel.h"
#include "panels/timeline_panel.h"
#include "widgets/mask_canvas.h"
#include "widgets/message_bar.h"
#include "widgets/preview_view.h"
#include "widgets/timeline_strip.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>

namespace lanterna::ui {

namespace {

QDockWidget* makeDock(QMainWindow* window, const char* name, QWidget* content) {
  auto* dock = new QDockWidget(window);
  dock->setObjectName(QLatin1String(name));
  dock->setWidget(content);
  return dock;
}

}  // namespace

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent)
    : QMainWindow(parent), bridge_(new EngineBridge(this)) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/lanterna.svg")));
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

  auto* central = new QWidget(this);
  messages_ = new MessageBar(central);
  preview_ = new PreviewView(central);
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(4, 4, 4, 4);
  centralLayout->addWidget(messages_);
  centralLayout->addWidget(preview_, 1);
  setCentralWidget(central);

  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("progress"));
  progress_->setMaximumWidth(260);
  progress_->setVisible(false);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("statusText"));
  modelsLabel_ = new QLabel(this);
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(modelsLabel_);

  createDocks();
  createActions();

  connect(bridge_, &EngineBridge::modelsLoaded, this, [this](const QString&) {
    modelsLabel_->setText(tr("Models: %1").arg(QDir(modelsDir_).dirName()));
    status_->setText(tr("Ready."));
  });
  connect(bridge_, &EngineBridge::modelsFailed, this, [this](const QString& message) {
    modelsLabel_->setText(tr("No models"));
    messages_->showMessage(MessageBar::Kind::Error,
                           tr("Could not load the models: %1").arg(message));
  });
  connect(bridge_, &EngineBridge::started, this, [this] { status_->setText(tr("Generating...")); });
  connect(bridge_, &EngineBridge::progress, this, &MainWindow::onProgress);
  connect(bridge_, &EngineBridge::warning, this, [this](const QString& message) {
    messages_->showMessage(MessageBar::Kind::Warning, message);
  });
  connect(bridge_, &EngineBridge::finished, this, &MainWindow::onFinished);
  connect(bridge_, &EngineBridge::failed, this, &MainWindow::onFailed);
  connect(bridge_, &EngineBridge::cancelled, this, [this] {
    status_->setText(tr("Cancelled."));
    liveTimer_.stop();
    showClip(currentClip());
    Q_EMIT generationFinished(false);
  });
  connect(bridge_, &EngineBridge::busyChanged, this, &MainWindow::onBusyChanged);
  connect(&liveTimer_, &QTimer::timeout, this, [this] {
    if (liveFrames_.isEmpty()) return;
    liveFrame_ = (liveFrame_ + 1) % liveFrames_.size();
    preview_->setImage(liveFrames_[liveFrame_]);
  });

  retranslate();
  readSettings();
  loadModels(options.modelsDir.isEmpty() ? defaultModelsDir() : options.modelsDir, options.threads);
  // Setting the panels up is not an edit.
  modified_ = false;
  updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks() {
  prompt_ = new PromptPanel(this);
  input_ = new InputPanel(this);
  mask_ = new MaskPanel(this);
  timeline_ = new TimelinePanel(this);
  plots_ = new PlotsPanel(this);
  history_ = new HistoryPanel(this);
  docks_ = {makeDock(this, "promptDock", prompt_), makeDock(this, "inputDock", input_),
            makeDock(this, "maskDock", mask_),     makeDock(this, "timelineDock", timeline_),
            makeDock(this, "plotsDock", plots_),   makeDock(this, "historyDock", history_)};
  addDockWidget(Qt::LeftDockWidgetArea, docks_[0]);
  addDockWidget(Qt::LeftDockWidgetArea, docks_[1]);
  addDockWidget(Qt::RightDockWidgetArea, docks_[2]);
  addDockWidget(Qt::BottomDockWidgetArea, docks_[3]);
  addDockWidget(Qt::RightDockWidgetArea, docks_[4]);
  addDockWidget(Qt::RightDockWidgetArea, docks_[5]);
  splitDockWidget(docks_[0], docks_[1], Qt::Vertical);
  tabifyDockWidget(docks_[4], docks_[5]);
  docks_[4]->raise();
  resizeDocks({docks_[0], docks_[2]}, {340, 340}, Qt::Horizontal);

  connect(prompt_, &PromptPanel::generateRequested, this, &MainWindow::generate);
  connect(prompt_, &PromptPanel::cancelRequested, this, &MainWindow::cancelGeneration);
  connect(prompt_, &PromptPanel::changed, this, [this] { setModified(); });
  connect(input_, &InputPanel::inputChanged, this, [this] {
    // Switch to a mode that uses what was dropped.
    const lanterna::Mode m = prompt_->mode();
    if (input_->hasInput() && input_->isStill() &&
        (m == lanterna::Mode::TextToVideo || m == lanterna::Mode::VideoToVideo ||
         m == lanterna::Mode::Upscale))
      prompt_->setMode(lanterna::Mode::ImageToVideo);
    else if (input_->hasInput() && !input_->isStill() &&
             (m == lanterna::Mode::TextToVideo || m == lanterna::Mode::ImageToVideo ||
              m == lanterna::Mode::Cinemagraph))
      prompt_->setMode(lanterna::Mode::VideoToVideo);
    mask_->canvas()->setBackground(input_->firstFrame());
    setModified();
  });
  connect(input_, &InputPanel::settingsFound, this, [this](const QJsonObject& settings) {
    lanterna::GenerationRequest r;
    prompt_->fillRequest(r);
    if (applySettings(settings, r)) {
      prompt_->applyRequest(r);
      messages_->showMessage(MessageBar::Kind::Info,
                             tr("Restored the settings this clip was made with."));
    }
  });
  connect(input_, &InputPanel::loadFailed, this, [this](const QString& message) {
    messages_->showMessage(MessageBar::Kind::Error, message);
  });
  connect(mask_, &MaskPanel::changed, this, [this] {
    setModified();
    plots_->setMotion(currentClip(), mask_->canvas()->mask());
  });
  connect(timeline_->strip(), &TimelineStrip::currentFrameChanged, this, [this](int) {
    if (!bridge_->isBusy()) preview_->setImage(timeline_->strip()->currentImage());
    if (!input_->hasInput()) mask_->canvas()->setBackground(timeline_->strip()->currentImage());
  });
  connect(history_, &HistoryPanel::entryActivated, this, [this](int index) {
    const HistoryEntry& e = history_->entries().at(index);
    lanterna::GenerationRequest r;
    prompt_->fillRequest(r);
    applySettings(e.settings, r);
    prompt_->applyRequest(r);
    showClip(e.clip);
  });
}

void MainWindow::createActions() {
  auto action = [this](const char* icon, const QKeySequence& key, auto slot) {
    auto* a = new QAction(this);
    if (icon) a->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))));
    if (!key.isEmpty()) a->setShortcut(key);
    connect(a, &QAction::triggered, this, slot);
    return a;
  };
  newAction_ = action(nullptr, QKeySequence::New, [this] { newProject(); });
  openAction_ = action("open", QKeySequence::Open, [this] { openProject(); });
  saveAction_ = action("save", QKeySequence::Save, [this] { saveProject(); });
  saveAsAction_ = action(nullptr, QKeySequence::SaveAs, [this] { saveProjectAs(); });
  exportAction_ = action("export", QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportClip(); });
  openInputAction_ =
      action("image", QKeySequence(Qt::CTRL | Qt::Key_I), [this] { openInputFile(); });
  openLossAction_ = action(nullptr, QKeySequence(), [this] { openLossFile(); });
  quitAction_ = action(nullptr, QKeySequence::Quit, [this] { close(); });
  QUndoStack* undo = mask_->canvas()->undoStack();
  undoAction_ = action("undo", QKeySequence::Undo, [undo] { undo->undo(); });
  redoAction_ = action("redo", QKeySequence::Redo, [undo] { undo->redo(); });
  undoAction_->setEnabled(false);
  redoAction_->setEnabled(false);
  connect(undo, &QUndoStack::canUndoChanged, undoAction_, &QAction::setEnabled);
  connect(undo, &QUndoStack::canRedoChanged, redoAction_, &QAction::setEnabled);
  generateAction_ =
      action("generate", QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { generate(); });
  generateAction_->setShortcuts(
      {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
  cancelAction_ = action("cancel", QKeySequence(Qt::Key_Escape), [this] { cancelGeneration(); });
  cancelAction_->setEnabled(false);
  TimelineStrip* strip = timeline_->strip();
  playAction_ = action("play", QKeySequence(Qt::Key_Space), [strip] { strip->togglePlay(); });
  prevAction_ = action(nullptr, QKeySequence(Qt::Key_Left), [strip] { strip->stepFrames(-1); });
  nextAction_ = action(nullptr, QKeySequence(Qt::Key_Right), [strip] { strip->stepFrames(1); });
  inAction_ = action(nullptr, QKeySequence(Qt::Key_I),
                     [strip] { strip->setInPoint(strip->currentFrame()); });
  outAction_ = action(nullptr, QKeySequence(Qt::Key_O),
                      [strip] { strip->setOutPoint(strip->currentFrame()); });
  aboutAction_ = action("lanterna", QKeySequence(), [this] {
    QMessageBox::about(this, tr("About Lanterna"),
                       tr("Lanterna %1: a video studio built on a space-time diffusion model "
                          "(Lumiere-style STUNet).")
                           .arg(QApplication::applicationVersion()));
  });
  whySquareAction_ = action(nullptr, QKeySequence(), [this] {
    QMessageBox::information(
        this, tr("Why square 128 x 128?"),
        tr("The shipped models are small so that they run on an ordinary CPU: the base model "
           "generates 32 x 32 frames and the super-resolution stage brings them to 128 x 128. "
           "Inputs are centre-cropped to a square because the models are trained on square "
           "clips. For bigger output, train a bigger model with the same trainer "
           "(lanterna-cli train) on a bigger machine and copy it into the models folder."));
  });

  fileMenu_ = menuBar()->addMenu(QString());
  recentMenu_ = new QMenu(this);
  fileMenu_->addActions({newAction_, openAction_});
  fileMenu_->addMenu(recentMenu_);
  fileMenu_->addActions({saveAction_, saveAsAction_});
  fileMenu_->addSeparator();
  fileMenu_->addActions({openInputAction_, openLossAction_, exportAction_});
  fileMenu_->addSeparator();
  fileMenu_->addAction(quitAction_);
  editMenu_ = menuBar()->addMenu(QString());
  editMenu_->addActions({undoAction_, redoAction_});
  generateMenu_ = menuBar()->addMenu(QString());
  generateMenu_->addActions({generateAction_, cancelAction_});
  playbackMenu_ = menuBar()->addMenu(QString());
  playbackMenu_->addActions({playAction_, prevAction_, nextAction_, inAction_, outAction_});
  viewMenu_ = menuBar()->addMenu(QString());
  for (QDockWidget* dock : docks_) viewMenu_->addAction(dock->toggleViewAction());
  helpMenu_ = menuBar()->addMenu(QString());
  helpMenu_->addActions({whySquareAction_, aboutAction_});
  updateRecentMenu();
}

void MainWindow::retranslate() {
  const QStringList dockTitles = {tr("Prompt"),   tr("Input"), tr("Mask"),
                                  tr("Timeline"), tr("Plots"), tr("History")};
  for (int i = 0; i < docks_.size(); ++i) {
    docks_[i]->setWindowTitle(dockTitles.value(i));
    docks_[i]->toggleViewAction()->setText(dockTitles.value(i));
  }
  fileMenu_->setTitle(tr("&File"));
  recentMenu_->setTitle(tr("Open &Recent"));
  editMenu_->setTitle(tr("&Edit"));
  generateMenu_->setTitle(tr("&Generate"));
  playbackMenu_->setTitle(tr("&Playback"));
  viewMenu_->setTitle(tr("&View"));
  helpMenu_->setTitle(tr("&Help"));
  newAction_->setText(tr("&New Project"));
  openAction_->setText(tr("&Open Project..."));
  saveAction_->setText(tr("&Save Project"));
  saveAsAction_->setText(tr("Save Project &As..."));
  exportAction_->setText(tr("&Export Clip..."));
  openInputAction_->setText(tr("Open &Input Image or Clip..."));
  openLossAction_->setText(tr("Open &Training Loss..."));
  quitAction_->setText(tr("&Quit"));
  undoAction_->setText(tr("&Undo Mask Edit"));
  redoAction_->setText(tr("&Redo Mask Edit"));
  generateAction_->setText(tr("&Generate"));
  cancelAction_->setText(tr("&Cancel"));
  playAction_->setText(tr("&Play / Pause"));
  prevAction_->setText(tr("P&revious Frame"));
  nextAction_->setText(tr("&Next Frame"));
  inAction_->setText(tr("Set &In Marker"));
  outAction_->setText(tr("Set &Out Marker"));
  aboutAction_->setText(tr("&About Lanterna"));
  whySquareAction_->setText(tr("Why Square 128 x 128?"));
  preview_->setPlaceholder(
      tr("Type a prompt and press Generate (Ctrl+Return).\nThe frames appear "
         "here as they take shape."));
  preview_->setAccessibleName(tr("Preview"));
  preview_->setToolTip(tr("The current clip; during a generation, the estimate of every frame"));
  progress_->setAccessibleName(tr("Generation progress"));
  if (modelsLabel_->text().isEmpty() || !bridge_->modelsReady())
    modelsLabel_->setText(tr("Loading models..."));
  else
    modelsLabel_->setText(tr("Models: %1").arg(QDir(modelsDir_).dirName()));
  status_->setText(bridge_->isBusy() ? tr("Generating...") : tr("Ready."));
  updateTitle();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::loadModels(const QString& dir, int threads) {
  modelsDir_ = dir;
  modelInfo_ = ModelInfo::read(dir);
  prompt_->setModelInfo(modelInfo_);
  input_->setModelSizes(modelInfo_.resolution > 0 ? modelInfo_.resolution : 32, 128);
  bridge_->loadModels(dir, threads);
}

VideoPtr MainWindow::currentClip() const {
  return timeline_->strip()->clip();
}

lanterna::GenerationRequest MainWindow::buildRequest() const {
  lanterna::GenerationRequest r;
  prompt_->fillRequest(r);
  if (input_->hasInput()) {
    const VideoPtr clip = input_->clip();
    r.input_image = clip->frame_image(0);
    const bool wantsVideo = r.mode == lanterna::Mode::Inpaint ||
                            r.mode == lanterna::Mode::VideoToVideo ||
                            r.mode == lanterna::Mode::Upscale;
    if (!input_->isStill() || wantsVideo) r.input_video = *clip;
    r.input_video.settings_json.clear();
    if (!input_->path().isEmpty())
      r.input_files.push_back({input_->isStill() ? "image" : "video", input_->path().toStdString(),
                               input_->sha256().toStdString()});
  }
  if (r.mode == lanterna::Mode::Inpaint || r.mode == lanterna::Mode::Cinemagraph) {
    const TimelineStrip* strip = timeline_->strip();
    r.mask = mask_->maskVideo(r.frames, strip->inPoint(), strip->outPoint());
  }
  return r;
}

void MainWindow::generate() {
  if (bridge_->isBusy()) return;
  prompt_->prepareSeed();
  running_ = buildRequest();
  previewsShown_ = 0;
  liveFrames_.clear();
  plots_->resetTrajectory();
  baseSteps_ = 0;
  messages_->hide();
  progress_->setRange(0, 0);
  progress_->setVisible(true);
  status_->setText(tr("Starting..."));
  bridge_->generate(running_);
}

void MainWindow::cancelGeneration() {
  if (!bridge_->isBusy()) return;
  status_->setText(tr("Cancelling..."));
  bridge_->cancel();
}

void MainWindow::onBusyChanged(bool busy) {
  prompt_->setBusy(busy);
  generateAction_->setEnabled(!busy);
  cancelAction_->setEnabled(busy);
  if (!busy) {
    progress_->setVisible(false);
    liveTimer_.stop();
  }
}

void MainWindow::onProgress(const ProgressInfo& info, const VideoPtr& preview) {
  // The base stage may run one pass per object, so its length comes from the
  // engine's reports rather than the request.
  if (info.stage != QLatin1String("ssr")) baseSteps_ = info.total;
  const int baseSteps = baseSteps_ > 0 ? baseSteps_ : running_.steps;
  const int overall = (info.stage == QLatin1String("ssr") ? baseSteps : 0) + info.step;
  const int total = baseSteps + (info.stage == QLatin1String("ssr") ? info.total : 0);
  progress_->setRange(0, std::max(1, info.stage == QLatin1String("ssr") ? total : info.total));
  progress_->setValue(overall);
  const QString stage = info.stage == QLatin1String("ssr") ? tr("super-resolution") : tr("base");
  status_->setText(tr("Step %1 / %2 (%3) · about %4 s left")
                       .arg(info.step)
                       .arg(info.total)
                       .arg(stage)
                       .arg(std::max(0.0, info.etaSeconds), 0, 'f', 0));
  progress_->setFormat(tr("%1 / %2").arg(info.step).arg(info.total));
  // Each pass runs the whole schedule, from pure noise to the clip.
  const int perPass = std::max(1, info.total / std::max(1, info.passes));
  plots_->addTrajectoryPoint(overall, cosineNoiseLevel(info.step - info.pass * perPass, perPass),
                             info.updateMagnitude);
  if (preview) {
    ++previewsShown_;
    liveFrames_ = frameImages(*preview);
    liveFrame_ = liveFrame_ % std::max<int>(1, liveFrames_.size());
    preview_->setImage(liveFrames_.value(liveFrame_));
    preview_->setCaption(tr("step %1 / %2 (%3)").arg(info.step).arg(info.total).arg(stage));
    if (!liveTimer_.isActive()) {
      liveTimer_.start(static_cast<int>(1000 / std::max(1, running_.fps)));
    }
  }
  lastProgress_ = info;
}

void MainWindow::onFinished(const VideoPtr& clip) {
  liveTimer_.stop();
  history_->addEntry(HistoryEntry{clip, settingsToJson(running_)});
  showClip(clip);
  status_->setText(
      tr("Generated %1 frames of %2 x %3.").arg(clip->frames).arg(clip->width).arg(clip->height));
  setModified();
  Q_EMIT generationFinished(true);
}

void MainWindow::onFailed(const JobError& error) {
  liveTimer_.stop();
  showClip(currentClip());
  status_->setText(tr("Generation failed."));
  messages_->showMessage(MessageBar::Kind::Error, tr("Generation failed: %1").arg(error.message));
  Q_EMIT generationFinished(false);
}

void MainWindow::showClip(const VideoPtr& clip) {
  preview_->setCaption(QString());
  if (clip != timeline_->strip()->clip()) timeline_->strip()->setClip(clip);
  preview_->setImage(timeline_->strip()->currentImage());
  plots_->setMotion(clip, mask_->canvas()->mask());
}

void MainWindow::exportClip() {
  const VideoPtr clip = currentClip();
  if (!clip) {
    messages_->showMessage(MessageBar::Kind::Info, tr("Generate a clip first, then export it."));
    return;
  }
  QSettings settings;
  const QString dir = settings
                          .value(QStringLiteral("paths/export"),
                                 QStandardPaths::writableLocation(QStandardPaths::MoviesLocation))
                          .toString();
  ExportDialog dialog(clip, timeline_->strip()->inPoint(), timeline_->strip()->outPoint(),
                      QDir(dir).filePath(QStringLiteral("lanterna.mp4")), this);
  if (dialog.exec() == QDialog::Accepted) {
    settings.setValue(QStringLiteral("paths/export"),
                      QFileInfo(dialog.options().path).absolutePath());
    status_->setText(tr("Exported %1.").arg(dialog.options().path));
  }
}

void MainWindow::openInputFile() {
  QSettings settings;
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open an image or a clip"), settings.value(QStringLiteral("paths/input")).toString(),
      tr("Images and clips (*.png *.jpg *.jpeg *.webp *.bmp *.mp4 *.webm *.mov *.gif);;"
         "All files (*)"));
  if (path.isEmpty()) return;
  settings.setValue(QStringLiteral("paths/input"), QFileInfo(path).absolutePath());
  input_->loadFile(path);
}

void MainWindow::openLossFile() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open a training loss file"),
                                   QDir::home().filePath(QStringLiteral(".cache/lanterna/train")),
                                   tr("Loss files (*.csv);;All files (*)"));
  if (path.isEmpty()) return;
  QString error;
  if (!plots_->loadLossCsv(path, &error)) {
    messages_->showMessage(MessageBar::Kind::Error, error);
    return;
  }
  for (QDockWidget* dock : docks_)
    if (dock->widget() == plots_) dock->raise();
}

}  // namespace lanterna::ui
