// Plots (QCustomPlot): the sampling trajectory of the current run (noise
// level and update magnitude per step), the motion of the masked region (or
// the whole frame) across the clip's frames, and a training-loss viewer for a
// loss.csv (columns step,loss,lr,seconds).
#pragma once

#include "engine/engine_types.h"

#include <QImage>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QPushButton;
class QTabWidget;

namespace lanterna::ui {

class PlotsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PlotsPanel(QWidget* parent = nullptr);

  void resetTrajectory();
  // One sampling step: `step` counts over all stages; `noiseLevel` and
  // `update` in 0..1 (update < 0 = unknown).
  void addTrajectoryPoint(int step, double noiseLevel, double update);
  int trajectoryPoints() const;

  // Mean absolute change between consecutive frames inside `region` (white
  // pixels; an empty region means the whole frame), in 0..1.
  void setMotion(const VideoPtr& clip, const QImage& region);
  int motionPoints() const;

  // Reads a loss CSV with a header naming step and loss (lr and seconds
  // optional). Returns false with a message on a bad file.
  bool loadLossCsv(const QString& path, QString* error = nullptr);
  int lossPoints() const;

  QTabWidget* tabs() const { return tabs_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QTabWidget* tabs_;
  QCustomPlot* trajectory_;
  QCustomPlot* motion_;
  QCustomPlot* loss_;
  QLabel* lossFile_;
};

// The noise level sqrt(1 - alpha_bar) of the cosine schedule after `step` of
// `total` evenly spaced steps.
double cosineNoiseLevel(int step, int total);

}  // namespace lanterna::ui
