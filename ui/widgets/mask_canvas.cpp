#include "widgets/mask_canvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QUndoCommand>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lanterna::ui {

namespace {

// Holds the mask before and after one edit; the edit has already happened
// when it is pushed, so the first redo() does nothing.
class MaskEditCommand : public QUndoCommand {
 public:
  MaskEditCommand(MaskCanvas* canvas, QImage before, QImage after, const QString& text)
      : QUndoCommand(text), canvas_(canvas), before_(std::move(before)), after_(std::move(after)) {}
  void undo() override { canvas_->replaceMask(before_); }
  void redo() override {
    if (first_) {
      first_ = false;
      return;
    }
    canvas_->replaceMask(after_);
  }

 private:
  MaskCanvas* canvas_;
  QImage before_;
  QImage after_;
  bool first_ = true;
};

}  // namespace

MaskCanvas::MaskCanvas(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("maskCanvas"));
  setMinimumSize(160, 160);
  setCursor(Qt::CrossCursor);
  setBackground(QImage());
}

void MaskCanvas::setBackground(const QImage& image) {
  background_ = image;
  const QSize size = image.isNull() ? QSize(128, 128) : image.size();
  if (mask_.size() != size) {
    mask_ = QImage(size, QImage::Format_Grayscale8);
    mask_.fill(0);
    undo_.clear();
    Q_EMIT maskChanged();
  }
  update();
}

void MaskCanvas::setMask(const QImage& mask) {
  if (mask.isNull()) {
    mask_.fill(0);  // no mask: keep everything
  } else {
    QImage grey = mask.convertToFormat(QImage::Format_Grayscale8);
    if (grey.size() != mask_.size()) grey = grey.scaled(mask_.size());
    mask_ = grey;
  }
  undo_.clear();
  update();
  Q_EMIT maskChanged();
}

void MaskCanvas::replaceMask(const QImage& mask) {
  mask_ = mask;
  update();
  Q_EMIT maskChanged();
}

bool MaskCanvas::isMaskEmpty() const {
  return coverage() == 0.0;
}

double MaskCanvas::coverage() const {
  int64_t painted = 0;
  for (int y = 0; y < mask_.height(); ++y) {
    const uchar* row = mask_.constScanLine(y);
    for (int x = 0; x < mask_.width(); ++x) painted += row[x] >= 128;
  }
  return mask_.isNull() ? 0.0 : static_cast<double>(painted) / (mask_.width() * mask_.height());
}

void MaskCanvas::setOverlayVisible(bool visible) {
  overlay_ = visible;
  update();
}

void MaskCanvas::pushChange(const QImage& before, const QString& text) {
  undo_.push(new MaskEditCommand(this, before, mask_, text));
  update();
  Q_EMIT maskChanged();
}

void MaskCanvas::fill() {
  const QImage before = mask_;
  mask_.fill(255);
  pushChange(before, tr("Fill mask"));
}

void MaskCanvas::clear() {
  const QImage before = mask_;
  mask_.fill(0);
  pushChange(before, tr("Clear mask"));
}

void MaskCanvas::invert() {
  const QImage before = mask_;
  for (int y = 0; y < mask_.height(); ++y) {
    uchar* row = mask_.scanLine(y);
    for (int x = 0; x < mask_.width(); ++x) row[x] = static_cast<uchar>(255 - row[x]);
  }
  pushChange(before, tr("Invert mask"));
}

QRectF MaskCanvas::imageRect() const {
  const QSizeF fitted =
      QSizeF(mask_.size()).scaled(QSizeF(size()) - QSizeF(8, 8), Qt::KeepAspectRatio);
  return {QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted};
}

QPointF MaskCanvas::toImage(const QPointF& p) const {
  const QRectF r = imageRect();
  return {(p.x() - r.left()) * mask_.width() / r.width(),
          (p.y() - r.top()) * mask_.height() / r.height()};
}

QPointF MaskCanvas::toWidget(const QPointF& p) const {
  const QRectF r = imageRect();
  return {r.left() + p.x() * r.width() / mask_.width(),
          r.top() + p.y() * r.height() / mask_.height()};
}

void MaskCanvas::dab(const QPointF& c) {
  // A round brush with a linear soft edge over the outer `feather_` of the
  // radius; the brush raises the mask towards white, the eraser lowers it.
  const double radius = std::max(0.5, brushPercent_ / 200.0 * mask_.width());
  const double hard = radius * (1.0 - std::clamp(feather_, 0.0, 1.0));
  const int x0 = std::max(0, static_cast<int>(std::floor(c.x() - radius)));
  const int x1 = std::min(mask_.width() - 1, static_cast<int>(std::ceil(c.x() + radius)));
  const int y0 = std::max(0, static_cast<int>(std::floor(c.y() - radius)));
  const int y1 = std::min(mask_.height() - 1, static_cast<int>(std::ceil(c.y() + radius)));
  for (int y = y0; y <= y1; ++y) {
    uchar* row = mask_.scanLine(y);
    for (int x = x0; x <= x1; ++x) {
      const double d = std::hypot(x + 0.5 - c.x(), y + 0.5 - c.y());
      if (d > radius) continue;
      const double a = d <= hard ? 1.0 : (radius - d) / std::max(1e-6, radius - hard);
      const int v = static_cast<int>(std::lround(255 * a));
      row[x] = tool_ == Tool::Brush ? static_cast<uchar>(std::max<int>(row[x], v))
                                    : static_cast<uchar>(std::min<int>(row[x], 255 - v));
    }
  }
}

void MaskCanvas::strokeTo(const QPointF& p) {
  const double radius = std::max(0.5, brushPercent_ / 200.0 * mask_.width());
  const double spacing = std::max(0.5, radius / 4);
  const QPointF delta = p - last_;
  const double length = std::hypot(delta.x(), delta.y());
  const int steps = std::max(1, static_cast<int>(std::ceil(length / spacing)));
  for (int i = 1; i <= steps; ++i) dab(last_ + delta * (static_cast<double>(i) / steps));
  last_ = p;
  update();
}

void MaskCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  stroking_ = true;
  strokeBefore_ = mask_.copy();
  last_ = toImage(event->position());
  dab(last_);
  update();
}

void MaskCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (stroking_) strokeTo(toImage(event->position()));
}

void MaskCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (!stroking_ || event->button() != Qt::LeftButton) return;
  stroking_ = false;
  strokeTo(toImage(event->position()));
  pushChange(strokeBefore_, tool_ == Tool::Brush ? tr("Paint stroke") : tr("Erase stroke"));
  strokeBefore_ = QImage();
}

void MaskCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(40, 40, 46));
  const QRectF target = imageRect();
  if (!background_.isNull()) {
    p.drawImage(target, background_);
  } else {
    p.fillRect(target, QColor(70, 70, 78));
  }
  if (overlay_) {
    // Painted pixels in translucent red, so the picture stays visible.
    QImage overlay(mask_.size(), QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < mask_.height(); ++y) {
      const uchar* m = mask_.constScanLine(y);
      auto* o = reinterpret_cast<QRgb*>(overlay.scanLine(y));
      for (int x = 0; x < mask_.width(); ++x) {
        const int a = m[x] * 150 / 255;
        o[x] = qRgba(230 * a / 255, 40 * a / 255, 40 * a / 255, a);
      }
    }
    p.drawImage(target, overlay);
  }
  p.setPen(QPen(QColor(224, 144, 47), 1));
  p.drawRect(target);
}

}  // namespace lanterna::ui
