// Timeline panel: the thumbnail strip with play/pause, loop, in/out markers
// and the current frame, time and frame rate.
#pragma once

#include "engine/engine_types.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace lanterna::ui {

class TimelineStrip;

class TimelinePanel : public QWidget {
  Q_OBJECT
 public:
  explicit TimelinePanel(QWidget* parent = nullptr);
  TimelineStrip* strip() const { return strip_; }
  QToolButton* playButton() const { return play_; }
  QLabel* positionLabel() const { return position_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updatePosition();

  TimelineStrip* strip_;
  QToolButton* play_;
  QToolButton* loop_;
  QToolButton* in_;
  QToolButton* out_;
  QLabel* position_;
};

}  // namespace lanterna::ui
