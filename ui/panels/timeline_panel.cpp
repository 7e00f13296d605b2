#include "panels/timeline_panel.h"

#include "widgets/timeline_strip.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanterna::ui {

TimelinePanel::TimelinePanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("timelinePanel"));
  strip_ = new TimelineStrip(this);
  play_ = new QToolButton(this);
  play_->setObjectName(QStringLiteral("play"));
  play_->setIcon(QIcon(QStringLiteral(":/icons/play.svg")));
  loop_ = new QToolButton(this);
  loop_->setObjectName(QStringLiteral("loop"));
  loop_->setCheckable(true);
  loop_->setChecked(true);
  loop_->setIcon(QIcon(QStringLiteral(":/icons/loop.svg")));
  in_ = new QToolButton(this);
  in_->setObjectName(QStringLiteral("setIn"));
  out_ = new QToolButton(this);
  out_->setObjectName(QStringLiteral("setOut"));
  position_ = new QLabel(this);
  position_->setObjectName(QStringLiteral("position"));
  position_->setMinimumWidth(220);

  auto* controls = new QHBoxLayout;
  controls->addWidget(play_);
  controls->addWidget(loop_);
  controls->addWidget(in_);
  controls->addWidget(out_);
  controls->addWidget(position_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(controls);
  layout->addWidget(strip_);

  connect(play_, &QToolButton::clicked, strip_, &TimelineStrip::togglePlay);
  connect(loop_, &QToolButton::toggled, strip_, &TimelineStrip::setLoop);
  connect(in_, &QToolButton::clicked, this, [this] { strip_->setInPoint(strip_->currentFrame()); });
  connect(out_, &QToolButton::clicked, this,
          [this] { strip_->setOutPoint(strip_->currentFrame()); });
  connect(strip_, &TimelineStrip::playingChanged, this, [this](bool playing) {
    play_->setIcon(
        QIcon(playing ? QStringLiteral(":/icons/pause.svg") : QStringLiteral(":/icons/play.svg")));
    retranslate();
  });
  connect(strip_, &TimelineStrip::currentFrameChanged, this, &TimelinePanel::updatePosition);
  connect(strip_, &TimelineStrip::rangeChanged, this, &TimelinePanel::updatePosition);
  retranslate();
}

void TimelinePanel::retranslate() {
  play_->setToolTip(strip_->isPlaying() ? tr("Pause (Space)") : tr("Play (Space)"));
  play_->setAccessibleName(tr("Play or pause"));
  loop_->setToolTip(tr("Loop playback"));
  loop_->setAccessibleName(tr("Loop"));
  in_->setText(tr("In"));
  in_->setToolTip(tr("Set the in marker at the current frame (I)"));
  in_->setAccessibleName(tr("Set in marker"));
  out_->setText(tr("Out"));
  out_->setToolTip(tr("Set the out marker at the current frame (O)"));
  out_->setAccessibleName(tr("Set out marker"));
  strip_->setToolTip(
      tr("Click or drag to scrub; Space plays, arrow keys step, I and O set the markers"));
  strip_->setAccessibleName(tr("Timeline"));
  updatePosition();
}

void TimelinePanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void TimelinePanel::updatePosition() {
  const int n = strip_->frameCount();
  if (n == 0) {
    position_->setText(tr("No clip"));
    return;
  }
  const double fps = strip_->clip() ? strip_->clip()->fps : 8.0;
  const int frame = strip_->currentFrame();
  position_->setText(tr("Frame %1 / %2 · %3 s · %4 fps · in %5, out %6")
                         .arg(frame + 1)
                         .arg(n)
                         .arg(frame / fps, 0, 'f', 2)
                         .arg(fps, 0, 'g', 3)
                         .arg(strip_->inPoint() + 1)
                         .arg(strip_->outPoint() + 1));
}

}  // namespace lanterna::ui
