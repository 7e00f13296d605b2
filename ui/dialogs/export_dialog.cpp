#include "dialogs/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>

namespace lanterna::ui {

ExportDialog::ExportDialog(const VideoPtr& clip, int in, int out, const QString& suggestedPath,
                           QWidget* parent)
    : QDialog(parent), clip_(clip) {
  setObjectName(QStringLiteral("exportDialog"));
  setWindowTitle(tr("Export clip"));
  format_ = new QComboBox(this);
  format_->setObjectName(QStringLiteral("format"));
  format_->addItem(tr("MP4 video (H.264)"), static_cast<int>(ExportFormat::Mp4));
  format_->addItem(tr("GIF animation"), static_cast<int>(ExportFormat::Gif));
  format_->addItem(tr("WebM video (VP9)"), static_cast<int>(ExportFormat::WebM));
  format_->addItem(tr("PNG sequence (folder)"), static_cast<int>(ExportFormat::PngSequence));
  format_->setAccessibleName(tr("Format"));
  path_ = new QLineEdit(suggestedPath, this);
  path_->setObjectName(QStringLiteral("path"));
  path_->setAccessibleName(tr("Destination"));
  auto* browse = new QToolButton(this);
  browse->setText(tr("Browse..."));
  browse->setAccessibleName(tr("Browse for a destination"));
  const int clipSize = clip ? clip->width : 0;
  size_ = new QComboBox(this);
  size_->setObjectName(QStringLiteral("size"));
  size_->setAccessibleName(tr("Size"));
  size_->addItem(tr("As generated (%1 px)").arg(clipSize), 0);
  for (int s : {256, 512, 1024})
    if (s != clipSize) size_->addItem(tr("%1 x %1 px (resized)").arg(s), s);
  size_->setToolTip(
      tr("Larger sizes are resized; they add no detail. For more detail train a "
         "bigger model with the same trainer."));
  quality_ = new QSpinBox(this);
  quality_->setObjectName(QStringLiteral("quality"));
  quality_->setRange(0, 51);
  quality_->setValue(18);
  quality_->setAccessibleName(tr("Quality"));
  quality_->setToolTip(tr("Constant rate factor: lower is better quality and a bigger file"));
  loop_ = new QCheckBox(tr("Loop forever"), this);
  loop_->setChecked(true);
  const int last = clip ? clip->frames - 1 : 0;
  first_ = new QSpinBox(this);
  first_->setObjectName(QStringLiteral("first"));
  first_->setRange(1, last + 1);
  first_->setValue(in + 1);
  first_->setAccessibleName(tr("First frame"));
  last_ = new QSpinBox(this);
  last_->setObjectName(QStringLiteral("last"));
  last_->setRange(1, last + 1);
  last_->setValue((out < 0 ? last : out) + 1);
  last_->setAccessibleName(tr("Last frame"));
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(false);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  // Own buttons rather than standard ones, so they follow our translation
  // even where Qt's own translations are not installed.
  buttons_ = new QDialogButtonBox(this);
  buttons_->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
  buttons_->addButton(tr("Export"), QDialogButtonBox::AcceptRole);

  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(path_, 1);
  pathRow->addWidget(browse);
  auto* trimRow = new QHBoxLayout;
  trimRow->addWidget(first_);
  trimRow->addWidget(new QLabel(tr("to"), this));
  trimRow->addWidget(last_);
  auto* form = new QFormLayout(this);
  form->addRow(tr("Format"), format_);
  form->addRow(tr("Save to"), pathRow);
  form->addRow(tr("Size"), size_);
  form->addRow(tr("Quality (CRF)"), quality_);
  form->addRow(QString(), loop_);
  form->addRow(tr("Frames"), trimRow);
  form->addRow(progress_);
  form->addRow(status_);
  form->addRow(buttons_);

  connect(browse, &QToolButton::clicked, this, &ExportDialog::browse);
  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
  connect(buttons_, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
  connect(buttons_, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
  format_->setCurrentIndex(
      format_->findData(static_cast<int>(formatForPath(suggestedPath, ExportFormat::Mp4))));
  formatChanged();
}

ExportDialog::~ExportDialog() {
  if (thread_) {
    cancel_.store(true);
    thread_->wait();
  }
}

ExportOptions ExportDialog::options() const {
  ExportOptions o;
  o.path = path_->text();
  o.format = static_cast<ExportFormat>(format_->currentData().toInt());
  o.size = size_->currentData().toInt();
  o.crf = quality_->value();
  o.loop = loop_->isChecked();
  o.first = first_->value() - 1;
  o.last = last_->value() - 1;
  return o;
}

void ExportDialog::setOptions(const ExportOptions& o) {
  format_->setCurrentIndex(format_->findData(static_cast<int>(o.format)));
  path_->setText(o.path);
  const int size = size_->findData(o.size);
  if (size >= 0) size_->setCurrentIndex(size);
  quality_->setValue(o.crf);
  loop_->setChecked(o.loop);
  first_->setValue(o.first + 1);
  if (o.last >= 0) last_->setValue(o.last + 1);
}

void ExportDialog::formatChanged() {
  const auto format = static_cast<ExportFormat>(format_->currentData().toInt());
  quality_->setEnabled(format == ExportFormat::Mp4 || format == ExportFormat::WebM);
  loop_->setEnabled(format == ExportFormat::Gif);
  // Keep the file name, switch its extension.
  QString path = path_->text();
  const QFileInfo info(path);
  if (!path.isEmpty()) {
    const QString suffix = info.suffix().toLower();
    QString base = path;
    if (suffix == QStringLiteral("mp4") || suffix == QStringLiteral("gif") ||
        suffix == QStringLiteral("webm"))
      base.chop(suffix.size() + 1);
    path_->setText(base + extensionFor(format));
  }
}

void ExportDialog::browse() {
  const auto format = static_cast<ExportFormat>(format_->currentData().toInt());
  QString path;
  if (format == ExportFormat::PngSequence)
    path = QFileDialog::getExistingDirectory(this, tr("Export PNG frames into"), path_->text());
  else
    path = QFileDialog::getSaveFileName(this, tr("Export clip"), path_->text(),
                                        tr("Clips (*%1)").arg(extensionFor(format)));
  if (!path.isEmpty()) path_->setText(path);
}

void ExportDialog::startExport() {
  if (thread_ || !clip_) return;
  error_.clear();
  cancel_.store(false);
  const ExportOptions o = options();
  const VideoPtr clip = clip_;
  progress_->setRange(0, 0);  // the encoders report no fraction: busy indicator
  status_->setText(tr("Exporting..."));
  for (QAbstractButton* b : buttons_->buttons())
    if (buttons_->buttonRole(b) == QDialogButtonBox::AcceptRole) b->setEnabled(false);
  thread_ = QThread::create([this, o, clip] {
    try {
      exportClip(*clip, o, &cancel_);
    } catch (const std::exception& e) {
      error_ = QString::fromStdString(e.what());
    }
  });
  connect(thread_, &QThread::finished, this, [this] {
    thread_->deleteLater();
    thread_ = nullptr;
    progress_->setRange(0, 1);
    const bool ok = error_.isEmpty() && !cancel_.load();
    progress_->setValue(ok ? 1 : 0);
    for (QAbstractButton* b : buttons_->buttons()) b->setEnabled(true);
    status_->setText(ok ? tr("Exported.") : cancel_.load() ? tr("Cancelled.") : error_);
    Q_EMIT exportFinished(ok);
    if (ok) accept();
  });
  thread_->start();
}

void ExportDialog::reject() {
  if (thread_) {
    cancel_.store(true);  // the encoders check it between frames
    return;
  }
  QDialog::reject();
}

}  // namespace lanterna::ui
