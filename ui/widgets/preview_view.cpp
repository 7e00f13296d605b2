#include "widgets/preview_view.h"

#include <QPainter>

#include <algorithm>

namespace lanterna::ui {

PreviewView::PreviewView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("previewView"));
  setMinimumSize(160, 160);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PreviewView::setImage(const QImage& image) {
  image_ = image;
  update();
}

void PreviewView::setCaption(const QString& caption) {
  caption_ = caption;
  update();
}

void PreviewView::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

void PreviewView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(24, 24, 28));
  if (image_.isNull()) {
    p.setPen(QColor(170, 170, 180));
    p.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    return;
  }
  const QSize fitted = image_.size().scaled(size() - QSize(16, 40), Qt::KeepAspectRatio);
  const QRect target(QPoint((width() - fitted.width()) / 2, (height() - 24 - fitted.height()) / 2),
                     fitted);
  p.setRenderHint(QPainter::SmoothPixmapTransform, image_.width() >= 96);
  p.drawImage(target, image_);
  if (!caption_.isEmpty()) {
    p.setPen(QColor(220, 220, 225));
    p.drawText(QRect(8, height() - 24, width() - 16, 20), Qt::AlignCenter, caption_);
  }
}

}  // namespace lanterna::ui
