#include "panels/input_panel.h"

#include "engine/request_json.h"
#include "engine/video_convert.h"
#include "media/media_import.h"

#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace lanterna::ui {

InputPanel::InputPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("inputPanel"));
  setAcceptDrops(true);
  thumbnail_ = new QLabel(this);
  thumbnail_->setObjectName(QStringLiteral("inputThumbnail"));
  thumbnail_->setAlignment(Qt::AlignCenter);
  thumbnail_->setMinimumSize(160, 160);
  thumbnail_->setFrameShape(QFrame::StyledPanel);
  info_ = new QLabel(this);
  info_->setObjectName(QStringLiteral("inputInfo"));
  info_->setWordWrap(true);
  open_ = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), QString(), this);
  paste_ = new QPushButton(this);
  clear_ = new QPushButton(QIcon(QStringLiteral(":/icons/clear.svg")), QString(), this);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(open_);
  buttons->addWidget(paste_);
  buttons->addWidget(clear_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(thumbnail_, 1);
  layout->addWidget(info_);
  layout->addLayout(buttons);
  connect(open_, &QPushButton::clicked, this, &InputPanel::openFile);
  connect(paste_, &QPushButton::clicked, this, &InputPanel::paste);
  connect(clear_, &QPushButton::clicked, this, &InputPanel::clear);
  retranslate();
}

void InputPanel::retranslate() {
  open_->setText(tr("Open..."));
  open_->setToolTip(tr("Open an image or a clip to animate or edit"));
  paste_->setText(tr("Paste"));
  paste_->setToolTip(tr("Paste an image from the clipboard"));
  clear_->setText(tr("Clear"));
  clear_->setToolTip(tr("Remove the input"));
  thumbnail_->setAccessibleName(tr("Input image"));
  thumbnail_->setToolTip(tr("Drop an image or a clip here"));
  updateView();
}

void InputPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void InputPanel::setModelSizes(int modelSize, int outputSize) {
  modelSize_ = modelSize;
  outputSize_ = outputSize;
  updateView();
}

QImage InputPanel::firstFrame() const {
  return clip_ ? frameImage(*clip_, 0) : QImage();
}

bool InputPanel::loadFile(const QString& path, QString* error) {
  try {
    lanterna::ImportOptions options;
    auto video =
        std::make_shared<lanterna::Video>(lanterna::read_video(path.toStdString(), options));
    const bool still = video->frames == 1 && !QFileInfo(path).isDir();
    const std::string settings = video->settings_json;
    sha256_ = QString::fromStdString(lanterna::file_sha256(path.toStdString()));
    setClip(video, still, path);
    const QJsonObject json = parseSettings(settings);
    if (!json.isEmpty()) Q_EMIT settingsFound(json);
    return true;
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    if (error) *error = message;
    Q_EMIT loadFailed(message);
    return false;
  }
}

void InputPanel::setImage(const QImage& image, const QString& label) {
  auto video = std::make_shared<lanterna::Video>(toVideo({image}, 8));
  sha256_.clear();
  setClip(video, true, label);
}

void InputPanel::setClip(const VideoPtr& clip, bool still, const QString& path) {
  clip_ = clip;
  still_ = still;
  path_ = path;
  if (!clip) sha256_.clear();
  updateView();
  Q_EMIT inputChanged();
}

void InputPanel::clear() {
  if (!clip_) return;
  setClip(nullptr, true, QString());
}

QString InputPanel::explanation() const {
  if (!clip_) return tr("No input. Drop an image to animate it, or a clip to edit it.");
  const int side = std::min(clip_->width, clip_->height);
  QString what = still_ ? tr("Still image, %1 x %2 px.").arg(clip_->width).arg(clip_->height)
                        : tr("Clip, %1 x %2 px, %3 frames at %4 fps.")
                              .arg(clip_->width)
                              .arg(clip_->height)
                              .arg(clip_->frames)
                              .arg(clip_->fps, 0, 'g', 3);
  if (clip_->width != clip_->height)
    what += QLatin1Char(' ') + tr("The centred %1 x %1 square is kept (the models work on "
                                  "square frames);")
                                   .arg(side);
  what += QLatin1Char(' ') + tr("it is resized to %1 x %1 for the model and the result is "
                                "%2 x %2.")
                                 .arg(modelSize_)
                                 .arg(outputSize_);
  return what;
}

void InputPanel::updateView() {
  info_->setText(explanation());
  if (!clip_) {
    thumbnail_->setPixmap(QPixmap());
    thumbnail_->setText(tr("Drop an image or a clip here"));
    return;
  }
  const QImage frame = firstFrame();
  QPixmap pixmap = QPixmap::fromImage(
      frame.scaled(QSize(220, 220), Qt::KeepAspectRatio, Qt::SmoothTransformation));
  // Dim what the square crop leaves out.
  QPainter p(&pixmap);
  const int side = std::min(pixmap.width(), pixmap.height());
  const QRect crop((pixmap.width() - side) / 2, (pixmap.height() - side) / 2, side, side);
  const QColor dim(0, 0, 0, 140);
  p.fillRect(QRect(0, 0, crop.left(), pixmap.height()), dim);
  p.fillRect(QRect(crop.right() + 1, 0, pixmap.width() - crop.right() - 1, pixmap.height()), dim);
  p.fillRect(QRect(0, 0, pixmap.width(), crop.top()), dim);
  p.fillRect(QRect(0, crop.bottom() + 1, pixmap.width(), pixmap.height() - crop.bottom() - 1), dim);
  p.setPen(QPen(QColor(224, 144, 47), 2, Qt::DashLine));
  p.drawRect(crop.adjusted(1, 1, -1, -1));
  p.end();
  thumbnail_->setText(QString());
  thumbnail_->setPixmap(pixmap);
}

void InputPanel::openFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open an image or a clip"), QString(),
      tr("Images and clips (*.png *.jpg *.jpeg *.webp *.bmp *.mp4 *.webm *.mov *.gif);;"
         "All files (*)"));
  if (!path.isEmpty()) loadFile(path);
}

void InputPanel::paste() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (!mime) return;
  if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile()) {
    loadFile(mime->urls().first().toLocalFile());
  } else if (mime->hasImage()) {
    setImage(qvariant_cast<QImage>(mime->imageData()), tr("pasted image"));
  }
}

void InputPanel::dragEnterEvent(QDragEnterEvent* event) {
  const QMimeData* mime = event->mimeData();
  if ((mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile()) ||
      mime->hasImage())
    event->acceptProposedAction();
}

void InputPanel::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().first().isLocalFile()) {
    event->acceptProposedAction();
    loadFile(mime->urls().first().toLocalFile());
  } else if (mime->hasImage()) {
    event->acceptProposedAction();
    setImage(qvariant_cast<QImage>(mime->imageData()), tr("dropped image"));
  }
}

}  // namespace lanterna::ui
