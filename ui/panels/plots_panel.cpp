#include "panels/plots_panel.h"

#include <QEvent>
#include <QFile>
#include <QLabel>
#include <QTabWidget>
#include <QTextStream>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace lanterna::ui {

double cosineNoiseLevel(int step, int total) {
  // Cosine schedule (Nichol & Dhariwal), s = 0.008; t runs from 1 to 0.
  constexpr double s = 0.008;
  const double t = total > 0 ? 1.0 - static_cast<double>(step) / total : 0.0;
  const double f = std::cos((t + s) / (1 + s) * M_PI / 2);
  const double f0 = std::cos(s / (1 + s) * M_PI / 2);
  const double alphaBar = std::clamp(f * f / (f0 * f0), 0.0, 1.0);
  return std::sqrt(1.0 - alphaBar);
}

namespace {

QCustomPlot* makePlot(QWidget* parent, const char* name) {
  auto* plot = new QCustomPlot(parent);
  plot->setObjectName(QLatin1String(name));
  plot->setMinimumHeight(140);
  const QPalette pal = parent->palette();
  plot->setBackground(pal.color(QPalette::Base));
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
    axis->setBasePen(QPen(pal.color(QPalette::Text)));
    axis->setTickPen(QPen(pal.color(QPalette::Text)));
    axis->setSubTickPen(QPen(pal.color(QPalette::Text)));
    axis->setTickLabelColor(pal.color(QPalette::Text));
    axis->setLabelColor(pal.color(QPalette::Text));
  }
  plot->legend->setBrush(pal.color(QPalette::Base));
  plot->legend->setTextColor(pal.color(QPalette::Text));
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  return plot;
}

}  // namespace

PlotsPanel::PlotsPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("plotsPanel"));
  tabs_ = new QTabWidget(this);
  trajectory_ = makePlot(this, "trajectoryPlot");
  trajectory_->addGraph(trajectory_->xAxis, trajectory_->yAxis);
  trajectory_->graph(0)->setPen(QPen(QColor(90, 160, 230), 2));
  trajectory_->addGraph(trajectory_->xAxis, trajectory_->yAxis2);
  trajectory_->graph(1)->setPen(QPen(QColor(224, 144, 47), 2));
  trajectory_->yAxis2->setVisible(true);
  trajectory_->legend->setVisible(true);
  trajectory_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignBottom);
  trajectory_->yAxis->setRange(0, 1);
  motion_ = makePlot(this, "motionPlot");
  motion_->addGraph();
  motion_->graph(0)->setPen(QPen(QColor(110, 200, 120), 2));
  loss_ = makePlot(this, "lossPlot");
  loss_->addGraph();
  loss_->graph(0)->setPen(QPen(QColor(200, 110, 200), 1));
  loss_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  loss_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  lossFile_ = new QLabel(this);
  lossFile_->setWordWrap(true);
  auto* lossPage = new QWidget(this);
  auto* lossLayout = new QVBoxLayout(lossPage);
  lossLayout->setContentsMargins(0, 0, 0, 0);
  lossLayout->addWidget(loss_, 1);
  lossLayout->addWidget(lossFile_);
  tabs_->addTab(trajectory_, QString());
  tabs_->addTab(motion_, QString());
  tabs_->addTab(lossPage, QString());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_);
  retranslate();
}

void PlotsPanel::retranslate() {
  tabs_->setTabText(0, tr("Sampling"));
  tabs_->setTabText(1, tr("Motion"));
  tabs_->setTabText(2, tr("Training loss"));
  tabs_->setTabToolTip(0, tr("Noise level and update size at every sampling step"));
  tabs_->setTabToolTip(1, tr("How much the masked region (or the frame) changes per frame"));
  tabs_->setTabToolTip(2, tr("Loss of a training run (File > Open Training Loss)"));
  trajectory_->graph(0)->setName(tr("noise level"));
  trajectory_->graph(1)->setName(tr("update per step"));
  trajectory_->xAxis->setLabel(tr("step"));
  trajectory_->yAxis->setLabel(tr("noise level"));
  trajectory_->yAxis2->setLabel(tr("mean change of the estimate"));
  trajectory_->setAccessibleName(tr("Sampling trajectory plot"));
  motion_->xAxis->setLabel(tr("frame"));
  motion_->yAxis->setLabel(tr("mean change"));
  motion_->setAccessibleName(tr("Motion plot"));
  loss_->xAxis->setLabel(tr("step"));
  loss_->yAxis->setLabel(tr("loss"));
  loss_->setAccessibleName(tr("Training loss plot"));
  if (loss_->graph(0)->dataCount() == 0) lossFile_->setText(tr("No loss file loaded."));
  for (QCustomPlot* p : {trajectory_, motion_, loss_}) p->replot();
}

void PlotsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void PlotsPanel::resetTrajectory() {
  trajectory_->graph(0)->data()->clear();
  trajectory_->graph(1)->data()->clear();
  trajectory_->replot();
}

void PlotsPanel::addTrajectoryPoint(int step, double noiseLevel, double update) {
  trajectory_->graph(0)->addData(step, noiseLevel);
  if (update >= 0) trajectory_->graph(1)->addData(step, update);
  trajectory_->xAxis->setRange(0, std::max(1, step));
  trajectory_->yAxis->setRange(0, 1.05);
  bool found = false;
  const QCPRange r = trajectory_->graph(1)->getValueRange(found);
  trajectory_->yAxis2->setRange(0, found ? std::max(1e-3, r.upper * 1.1) : 1);
  trajectory_->replot(QCustomPlot::rpQueuedReplot);
}

int PlotsPanel::trajectoryPoints() const {
  return trajectory_->graph(0)->dataCount();
}

void PlotsPanel::setMotion(const VideoPtr& clip, const QImage& region) {
  motion_->graph(0)->data()->clear();
  if (clip && clip->frames > 1) {
    QImage mask;
    if (!region.isNull()) {
      mask = region.convertToFormat(QImage::Format_Grayscale8)
                 .scaled(clip->width, clip->height, Qt::IgnoreAspectRatio, Qt::FastTransformation);
      bool any = false;
      for (int y = 0; y < mask.height() && !any; ++y)
        for (int x = 0; x < mask.width() && !any; ++x) any = mask.constScanLine(y)[x] >= 128;
      if (!any) mask = QImage();
    }
    double top = 0;
    for (int f = 1; f < clip->frames; ++f) {
      const uint8_t* a = clip->frame(f - 1);
      const uint8_t* b = clip->frame(f);
      uint64_t sum = 0;
      uint64_t count = 0;
      for (int y = 0; y < clip->height; ++y)
        for (int x = 0; x < clip->width; ++x) {
          if (!mask.isNull() && mask.constScanLine(y)[x] < 128) continue;
          const size_t i = (static_cast<size_t>(y) * clip->width + x) * 3;
          for (int c = 0; c < 3; ++c) sum += static_cast<uint64_t>(std::abs(a[i + c] - b[i + c]));
          count += 3;
        }
      const double v = count ? static_cast<double>(sum) / (255.0 * count) : 0;
      top = std::max(top, v);
      motion_->graph(0)->addData(f, v);
    }
    motion_->xAxis->setRange(0, clip->frames);
    motion_->yAxis->setRange(0, std::max(1e-3, top * 1.1));
  }
  motion_->replot();
}

int PlotsPanel::motionPoints() const {
  return motion_->graph(0)->dataCount();
}

bool PlotsPanel::loadLossCsv(const QString& path, QString* error) {
  QFile file(path);
  auto fail = [&](const QString& message) {
    if (error) *error = message;
    return false;
  };
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
    return fail(tr("cannot open %1: %2").arg(path, file.errorString()));
  QTextStream in(&file);
  const QStringList header = in.readLine().trimmed().split(QLatin1Char(','));
  const int stepColumn = static_cast<int>(header.indexOf(QStringLiteral("step")));
  const int lossColumn = static_cast<int>(header.indexOf(QStringLiteral("loss")));
  if (stepColumn < 0 || lossColumn < 0)
    return fail(
        tr("%1 is not a loss file: the header must name the columns step and loss").arg(path));
  QVector<double> steps;
  QVector<double> losses;
  while (!in.atEnd()) {
    const QStringList cells = in.readLine().trimmed().split(QLatin1Char(','));
    if (cells.size() <= std::max(stepColumn, lossColumn)) continue;
    bool okStep = false;
    bool okLoss = false;
    const double step = cells[stepColumn].toDouble(&okStep);
    const double loss = cells[lossColumn].toDouble(&okLoss);
    if (okStep && okLoss && loss > 0) {
      steps.push_back(step);
      losses.push_back(loss);
    }
  }
  if (steps.isEmpty()) return fail(tr("%1 holds no loss values").arg(path));
  loss_->graph(0)->setData(steps, losses);
  loss_->rescaleAxes();
  loss_->replot();
  lossFile_->setText(
      tr("%1: %2 steps, last loss %3").arg(path).arg(steps.size()).arg(losses.back(), 0, 'g', 4));
  tabs_->setCurrentIndex(2);
  return true;
}

int PlotsPanel::lossPoints() const {
  return loss_->graph(0)->dataCount();
}

}  // namespace lanterna::ui
