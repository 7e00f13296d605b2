#include "widgets/timeline_strip.h"

#include "engine/video_convert.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lanterna::ui {

namespace {

constexpr int kMargin = 4;

}  // namespace

TimelineStrip::TimelineStrip(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("timelineStrip"));
  setFocusPolicy(Qt::StrongFocus);
  setMinimumHeight(48);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  connect(&timer_, &QTimer::timeout, this, &TimelineStrip::advance);
}

QSize TimelineStrip::sizeHint() const {
  return {480, 64};
}

void TimelineStrip::setClip(const VideoPtr& clip) {
  pause();
  clip_ = clip;
  frames_ = clip ? frameImages(*clip) : QVector<QImage>();
  current_ = 0;
  in_ = 0;
  out_ = std::max(0, frameCount() - 1);
  if (clip && clip->fps > 0) timer_.setInterval(static_cast<int>(std::lround(1000.0 / clip->fps)));
  update();
  Q_EMIT rangeChanged(in_, out_);
  Q_EMIT currentFrameChanged(current_);
}

int TimelineStrip::frameAt(int x) const {
  if (frames_.isEmpty()) return -1;
  const double width = std::max(1, this->width() - 2 * kMargin);
  const int frame = static_cast<int>(std::floor((x - kMargin) * frameCount() / width));
  return std::clamp(frame, 0, frameCount() - 1);
}

int TimelineStrip::frameX(int frame) const {
  const double width = std::max(1, this->width() - 2 * kMargin);
  return kMargin + static_cast<int>((frame + 0.5) * width / std::max(1, frameCount()));
}

void TimelineStrip::setCurrentFrame(int frame) {
  if (frames_.isEmpty()) return;
  frame = std::clamp(frame, 0, frameCount() - 1);
  if (frame == current_) return;
  current_ = frame;
  update();
  Q_EMIT currentFrameChanged(current_);
}

void TimelineStrip::stepFrames(int delta) {
  pause();
  setCurrentFrame(current_ + delta);
}

void TimelineStrip::setInPoint(int frame) {
  setRange(frame, std::max(frame, out_));
}

void TimelineStrip::setOutPoint(int frame) {
  setRange(std::min(in_, frame), frame);
}

void TimelineStrip::setRange(int in, int out) {
  if (frames_.isEmpty()) return;
  in = std::clamp(in, 0, frameCount() - 1);
  out = std::clamp(out, in, frameCount() - 1);
  if (in == in_ && out == out_) return;
  in_ = in;
  out_ = out;
  update();
  Q_EMIT rangeChanged(in_, out_);
}

void TimelineStrip::play() {
  if (frames_.size() < 2 || timer_.isActive()) return;
  if (current_ >= out_) setCurrentFrame(in_);
  timer_.start();
  Q_EMIT playingChanged(true);
}

void TimelineStrip::pause() {
  if (!timer_.isActive()) return;
  timer_.stop();
  Q_EMIT playingChanged(false);
}

void TimelineStrip::togglePlay() {
  isPlaying() ? pause() : play();
}

void TimelineStrip::setLoop(bool loop) {
  loop_ = loop;
}

void TimelineStrip::advance() {
  // Playback covers the in/out range, as export does.
  if (current_ >= out_ || current_ < in_) {
    if (!loop_ && current_ >= out_) {
      pause();
      return;
    }
    setCurrentFrame(in_);
    return;
  }
  setCurrentFrame(current_ + 1);
}

void TimelineStrip::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  if (frames_.isEmpty()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter, tr("No clip yet"));
    return;
  }
  const double width = std::max(1, this->width() - 2 * kMargin);
  const double cell = width / frameCount();
  const int top = kMargin;
  const int height = this->height() - 2 * kMargin;
  for (int i = 0; i < frameCount(); ++i) {
    const QRectF r(kMargin + i * cell, top, cell, height);
    const QImage& f = frames_[i];
    // Thumbnails keep their aspect, centred in the cell.
    const double side = std::min(r.width(), r.height());
    const QRectF target(r.center().x() - side / 2, r.center().y() - side / 2, side, side);
    p.drawImage(target, f);
    if (i < in_ || i > out_) p.fillRect(r, QColor(0, 0, 0, 150));
  }
  const QColor accent(224, 144, 47);
  p.setPen(QPen(accent, 2));
  const double inX = kMargin + in_ * cell;
  const double outX = kMargin + (out_ + 1) * cell;
  p.drawLine(QPointF(inX, 0), QPointF(inX, this->height()));
  p.drawLine(QPointF(outX, 0), QPointF(outX, this->height()));
  p.setPen(QPen(palette().color(QPalette::Highlight), 2));
  p.setBrush(Qt::NoBrush);
  p.drawRect(QRectF(kMargin + current_ * cell, 1, cell, this->height() - 2));
  if (hasFocus()) {
    p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
  }
}

void TimelineStrip::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  pause();
  setCurrentFrame(frameAt(event->position().toPoint().x()));
}

void TimelineStrip::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() & Qt::LeftButton) setCurrentFrame(frameAt(event->position().toPoint().x()));
}

void TimelineStrip::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Space:
      togglePlay();
      break;
    case Qt::Key_Left:
      stepFrames(-1);
      break;
    case Qt::Key_Right:
      stepFrames(1);
      break;
    case Qt::Key_Home:
      stepFrames(-frameCount());
      break;
    case Qt::Key_End:
      stepFrames(frameCount());
      break;
    case Qt::Key_I:
      setInPoint(current_);
      break;
    case Qt::Key_O:
      setOutPoint(current_);
      break;
    default:
      QWidget::keyPressEvent(event);
  }
}

}  // namespace lanterna::ui
