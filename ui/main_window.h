// The studio's main window: dock panels around the live preview, menus and
// shortcuts, and the glue between the panels and the engine bridge. Panels
// own their widgets; this class only wires them together.
#pragma once

#include "engine/engine_types.h"
#include "engine/model_info.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QVector>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;

namespace lanterna::ui {

class EngineBridge;
class HistoryPanel;
class InputPanel;
class MaskPanel;
class MessageBar;
class PlotsPanel;
class PreviewView;
class PromptPanel;
class TimelinePanel;

struct MainWindowOptions {
  QString modelsDir;  // empty = defaultModelsDir()
  int threads = 0;    // engine CPU threads; 0 = one per core
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const MainWindowOptions& options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  EngineBridge* engine() const { return bridge_; }
  PromptPanel* promptPanel() const { return prompt_; }
  TimelinePanel* timelinePanel() const { return timeline_; }
  PreviewView* preview() const { return preview_; }
  MessageBar* messageBar() const { return messages_; }
  InputPanel* inputPanel() const { return input_; }
  MaskPanel* maskPanel() const { return mask_; }
  PlotsPanel* plotsPanel() const { return plots_; }
  HistoryPanel* historyPanel() const { return history_; }
  QProgressBar* progressBar() const { return progress_; }
  QAction* generateAction() const { return generateAction_; }
  QAction* cancelAction() const { return cancelAction_; }
  const ModelInfo& modelInfo() const { return modelInfo_; }
  // The clip on the timeline (null before the first generation).
  VideoPtr currentClip() const;
  // The request the panels describe now (inputs and mask included).
  lanterna::GenerationRequest buildRequest() const;
  bool isModified() const { return modified_; }
  QString projectPath() const { return projectPath_; }
  // How many preview clips arrived during the last run.
  int previewsShown() const { return previewsShown_; }

 public Q_SLOTS:
  void setModified(bool modified = true);
  void generate();
  void cancelGeneration();
  void exportClip();
  void newProject();
  void openProject();
  bool saveProject();
  bool saveProjectAs();
  bool openProjectFile(const QString& path);
  bool saveProjectFile(const QString& path);
  void openInputFile();
  void openLossFile();

 Q_SIGNALS:
  void generationFinished(bool ok);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void createDocks();
  void createActions();
  void retranslate();
  void loadModels(const QString& dir, int threads);
  void onProgress(const ProgressInfo& info, const VideoPtr& preview);
  void onFinished(const VideoPtr& clip);
  void onFailed(const JobError& error);
  void onBusyChanged(bool busy);
  void showClip(const VideoPtr& clip);
  void updateTitle();
  bool maybeSave();
  void addRecentFile(const QString& path);
  void updateRecentMenu();
  void readSettings();
  void writeSettings();

  EngineBridge* bridge_;
  ModelInfo modelInfo_;
  QString modelsDir_;
  PromptPanel* prompt_ = nullptr;
  InputPanel* input_ = nullptr;
  MaskPanel* mask_ = nullptr;
  TimelinePanel* timeline_ = nullptr;
  PlotsPanel* plots_ = nullptr;
  HistoryPanel* history_ = nullptr;
  PreviewView* preview_ = nullptr;
  MessageBar* messages_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QLabel* modelsLabel_ = nullptr;
  QList<QDockWidget*> docks_;
  QMenu* fileMenu_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QMenu* editMenu_ = nullptr;
  QMenu* generateMenu_ = nullptr;
  QMenu* playbackMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QMenu* helpMenu_ = nullptr;
  QAction* newAction_ = nullptr;
  QAction* openAction_ = nullptr;
  QAction* saveAction_ = nullptr;
  QAction* saveAsAction_ = nullptr;
  QAction* exportAction_ = nullptr;
  QAction* openInputAction_ = nullptr;
  QAction* openLossAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* undoAction_ = nullptr;
  QAction* redoAction_ = nullptr;
  QAction* generateAction_ = nullptr;
  QAction* cancelAction_ = nullptr;
  QAction* playAction_ = nullptr;
  QAction* prevAction_ = nullptr;
  QAction* nextAction_ = nullptr;
  QAction* inAction_ = nullptr;
  QAction* outAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* whySquareAction_ = nullptr;
  // Live preview: the latest clean estimate of all frames, animated.
  QVector<QImage> liveFrames_;
  int liveFrame_ = 0;
  QTimer liveTimer_;
  ProgressInfo lastProgress_;
  lanterna::GenerationRequest running_;
  int baseSteps_ = 0;  // steps of the running base stage, as the engine reports them
  int previewsShown_ = 0;
  bool modified_ = false;
  bool closing_ = false;
  QString projectPath_;
};

}  // namespace lanterna::ui
