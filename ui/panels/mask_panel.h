// Mask panel: the mask canvas with its tools (brush, eraser, size, feather,
// fill, clear, invert, overlay, undo/redo) and which frames the mask applies
// to (all, or the timeline's in/out range).
#pragma once

#include "engine/video.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace lanterna::ui {

class MaskCanvas;

class MaskPanel : public QWidget {
  Q_OBJECT
 public:
  enum class Range { AllFrames, InOut };
  explicit MaskPanel(QWidget* parent = nullptr);
  MaskCanvas* canvas() const { return canvas_; }
  Range range() const;
  void setRange(Range range);
  // The mask as core expects it: one frame for all frames, or `frames`
  // frames painted inside [in, out] and black (keep) elsewhere.
  lanterna::Video maskVideo(int frames, int in, int out) const;

 Q_SIGNALS:
  void changed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  MaskCanvas* canvas_;
  QToolButton* brush_;
  QToolButton* eraser_;
  QSlider* size_;
  QSlider* feather_;
  QToolButton* fill_;
  QToolButton* clear_;
  QToolButton* invert_;
  QToolButton* overlay_;
  QToolButton* undo_;
  QToolButton* redo_;
  QComboBox* range_;
  QLabel* sizeLabel_;
  QLabel* featherLabel_;
  QLabel* rangeLabel_;
};

}  // namespace lanterna::ui
