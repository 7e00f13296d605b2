// MainWindow's project side: new, open, save, recent files, window settings
// and closing (the rest of the window is in main_window.cpp).
#include "main_window.h"

#include "engine/engine_bridge.h"
#include "engine/request_json.h"
#include "panels/history_panel.h"
#include "panels/input_panel.h"
#include "panels/mask_panel.h"
#include "panels/prompt_panel.h"
#include "panels/timeline_panel.h"
#include "project/project_file.h"
#include "widgets/mask_canvas.h"
#include "widgets/message_bar.h"
#include "widgets/preview_view.h"
#include "widgets/timeline_strip.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace lanterna::ui {

namespace {

constexpr int kMaxRecent = 8;

}  // namespace

// --- project ------------------------------------------------------------

void MainWindow::setModified(bool modified) {
  if (modified_ == modified) return;
  modified_ = modified;
  updateTitle();
}

void MainWindow::updateTitle() {
  const QString name = projectPath_.isEmpty() ? tr("Untitled") : QFileInfo(projectPath_).fileName();
  setWindowTitle(tr("%1[*] - Lanterna").arg(name));
  setWindowModified(modified_);
}

bool MainWindow::maybeSave() {
  if (!modified_) return true;
  // Own button texts, so they follow our translation without Qt's own.
  QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                  tr("The project has unsaved changes. Save them?"), QMessageBox::NoButton, this);
  QPushButton* save = box.addButton(tr("Save"), QMessageBox::AcceptRole);
  QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
  box.addButton(tr("Cancel"), QMessageBox::RejectRole);
  box.setDefaultButton(save);
  box.exec();
  if (box.clickedButton() == save) return saveProject();
  return box.clickedButton() == discard;
}

void MainWindow::newProject() {
  if (!maybeSave()) return;
  cancelGeneration();
  prompt_->applyRequest(lanterna::GenerationRequest{});
  input_->clear();
  mask_->canvas()->setMask(QImage());
  history_->clear();
  timeline_->strip()->setClip(nullptr);
  preview_->setImage(QImage());
  projectPath_.clear();
  setModified(false);
  updateTitle();
}

void MainWindow::openProject() {
  if (!maybeSave()) return;
  QSettings settings;
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open project"), settings.value(QStringLiteral("paths/project")).toString(),
      tr("Lanterna projects (*.lanterna)"));
  if (!path.isEmpty()) openProjectFile(path);
}

bool MainWindow::openProjectFile(const QString& path) {
  ProjectState s;
  try {
    s = readProject(path);
  } catch (const std::exception& e) {
    messages_->showMessage(MessageBar::Kind::Error,
                           tr("Could not open the project: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  lanterna::GenerationRequest r;
  applySettings(s.settings, r);
  prompt_->applyRequest(r);
  if (s.input)
    input_->setClip(s.input, s.inputStill, s.inputPath);
  else
    input_->clear();
  // Restoring the input may have switched the mode: the project's wins.
  prompt_->setMode(r.mode);
  if (!s.mask.isNull()) mask_->canvas()->setMask(s.mask);
  mask_->setRange(static_cast<MaskPanel::Range>(s.maskRange));
  history_->clear();
  for (const HistoryEntry& e : s.history) history_->addEntry(e);
  timeline_->strip()->setClip(nullptr);
  if (s.current >= 0 && s.current < s.history.size()) {
    showClip(s.history[s.current].clip);
    timeline_->strip()->setRange(s.in, s.out < 0 ? timeline_->strip()->frameCount() - 1 : s.out);
  }
  projectPath_ = path;
  addRecentFile(path);
  QSettings().setValue(QStringLiteral("paths/project"), QFileInfo(path).absolutePath());
  setModified(false);
  updateTitle();
  return true;
}

bool MainWindow::saveProject() {
  return projectPath_.isEmpty() ? saveProjectAs() : saveProjectFile(projectPath_);
}

bool MainWindow::saveProjectAs() {
  QSettings settings;
  QString path = QFileDialog::getSaveFileName(
      this, tr("Save project"),
      QDir(settings.value(QStringLiteral("paths/project"), QDir::homePath()).toString())
          .filePath(QStringLiteral("untitled.lanterna")),
      tr("Lanterna projects (*.lanterna)"));
  if (path.isEmpty()) return false;
  if (!path.endsWith(QStringLiteral(".lanterna"))) path += QStringLiteral(".lanterna");
  return saveProjectFile(path);
}

bool MainWindow::saveProjectFile(const QString& path) {
  ProjectState s;
  lanterna::GenerationRequest r;
  prompt_->fillRequest(r);
  s.settings = settingsToJson(r);
  s.input = input_->clip();
  s.inputStill = input_->isStill();
  s.inputPath = input_->path();
  if (!mask_->canvas()->isMaskEmpty()) s.mask = mask_->canvas()->mask();
  s.maskRange = static_cast<int>(mask_->range());
  s.history = history_->entries();
  const VideoPtr clip = currentClip();
  for (int i = 0; i < s.history.size(); ++i)
    if (s.history[i].clip == clip) s.current = i;
  s.in = timeline_->strip()->inPoint();
  s.out = timeline_->strip()->outPoint();
  try {
    writeProject(path, s);
  } catch (const std::exception& e) {
    messages_->showMessage(MessageBar::Kind::Error,
                           tr("Could not save the project: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  projectPath_ = path;
  addRecentFile(path);
  QSettings().setValue(QStringLiteral("paths/project"), QFileInfo(path).absolutePath());
  setModified(false);
  updateTitle();
  status_->setText(tr("Saved %1.").arg(path));
  return true;
}

void MainWindow::addRecentFile(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : recent) {
    QAction* a = recentMenu_->addAction(QFileInfo(path).fileName());
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] {
      if (maybeSave()) openProjectFile(path);
    });
  }
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::readSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
    resize(1400, 900);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::writeSettings() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  // The bridge's destructor joins the engine thread; cancelling now lets the
  // run end while the window goes away.
  bridge_->cancel();
  writeSettings();
  event->accept();
}

}  // namespace lanterna::ui
