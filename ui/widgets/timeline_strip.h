// The timeline's strip: a row of frame thumbnails with the playhead and the
// in/out markers. Click or drag to scrub; keys: Space play/pause, Left/Right
// step, Home/End, I/O set the in/out markers. Playback runs on a QTimer at
// the clip's frame rate.
#pragma once

#include "engine/engine_types.h"

#include <QImage>
#include <QTimer>
#include <QVector>
#include <QWidget>

namespace lanterna::ui {

class TimelineStrip : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineStrip(QWidget* parent = nullptr);

  void setClip(const VideoPtr& clip);
  const VideoPtr& clip() const { return clip_; }
  int frameCount() const { return static_cast<int>(frames_.size()); }
  const QVector<QImage>& frames() const { return frames_; }
  int currentFrame() const { return current_; }
  QImage currentImage() const { return frames_.value(current_); }
  int inPoint() const { return in_; }
  int outPoint() const { return out_; }
  bool isPlaying() const { return timer_.isActive(); }
  bool loops() const { return loop_; }
  // The frame under x (widget coordinates), clamped; -1 without a clip.
  int frameAt(int x) const;
  // The centre x of frame i.
  int frameX(int frame) const;

 public Q_SLOTS:
  void setCurrentFrame(int frame);
  void stepFrames(int delta);
  void setInPoint(int frame);
  void setOutPoint(int frame);
  void setRange(int in, int out);
  void play();
  void pause();
  void togglePlay();
  void setLoop(bool loop);

 Q_SIGNALS:
  void currentFrameChanged(int frame);
  void rangeChanged(int in, int out);
  void playingChanged(bool playing);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  QSize sizeHint() const override;

 private:
  void advance();

  VideoPtr clip_;
  QVector<QImage> frames_;
  int current_ = 0;
  int in_ = 0;
  int out_ = 0;
  bool loop_ = true;
  QTimer timer_;
};

}  // namespace lanterna::ui
