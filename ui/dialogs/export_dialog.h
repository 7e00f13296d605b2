// Export dialog: format (MP4, GIF, WebM, PNG sequence), destination, size,
// quality, loop and trim range. The encoding runs on its own thread with a
// busy progress bar and can be cancelled; the settings are embedded.
#pragma once

#include "dialogs/exporter.h"
#include "engine/engine_types.h"

#include <QDialog>

#include <atomic>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSpinBox;
class QThread;

namespace lanterna::ui {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(const VideoPtr& clip, int in, int out, const QString& suggestedPath,
               QWidget* parent = nullptr);
  ~ExportDialog() override;

  ExportOptions options() const;
  void setOptions(const ExportOptions& options);
  // Starts the export (as the Export button does); `exportFinished` follows.
  void startExport();
  bool isExporting() const { return thread_ != nullptr; }
  QString errorMessage() const { return error_; }

 Q_SIGNALS:
  void exportFinished(bool ok);

 protected:
  void reject() override;

 private:
  void browse();
  void formatChanged();

  VideoPtr clip_;
  QComboBox* format_;
  QLineEdit* path_;
  QComboBox* size_;
  QSpinBox* quality_;
  QCheckBox* loop_;
  QSpinBox* first_;
  QSpinBox* last_;
  QProgressBar* progress_;
  QLabel* status_;
  QDialogButtonBox* buttons_;
  QThread* thread_ = nullptr;
  std::atomic<bool> cancel_{false};
  QString error_;
};

}  // namespace lanterna::ui
