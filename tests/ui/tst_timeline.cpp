// The timeline: scrub with the mouse, step with the arrow keys, set the in
// and out markers, play and pause with Space, loop within the range.
#include "ui_test.h"

#include "panels/timeline_panel.h"
#include "widgets/timeline_strip.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace lanterna::ui;

class TestTimeline : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void scrubStepAndMarkers() {
    TimelinePanel panel;
    panel.resize(640, 120);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TimelineStrip* s = panel.strip();
    s->setClip(std::make_shared<lanterna::Video>(lanterna::test::syntheticClip(8, 32)));
    QCOMPARE(s->frameCount(), 8);
    QCOMPARE(s->currentFrame(), 0);
    const int y = s->height() / 2;
    QTest::mouseClick(s, Qt::LeftButton, {}, QPoint(s->frameX(5), y));
    QCOMPARE(s->currentFrame(), 5);
    // Drag to scrub.
    QTest::mousePress(s, Qt::LeftButton, {}, QPoint(s->frameX(5), y));
    QTest::mouseMove(s, QPoint(s->frameX(3), y));
    QTest::mouseMove(s, QPoint(s->frameX(2), y));
    QTest::mouseRelease(s, Qt::LeftButton, {}, QPoint(s->frameX(2), y));
    QCOMPARE(s->currentFrame(), 2);
    QVERIFY(panel.positionLabel()->text().contains(QStringLiteral("3 / 8")));
    s->setFocus();
    QTest::keyClick(s, Qt::Key_Right);
    QCOMPARE(s->currentFrame(), 3);
    QTest::keyClick(s, Qt::Key_Left);
    QTest::keyClick(s, Qt::Key_Left);
    QCOMPARE(s->currentFrame(), 1);
    QTest::keyClick(s, Qt::Key_I);
    QCOMPARE(s->inPoint(), 1);
    QTest::keyClick(s, Qt::Key_End);
    QCOMPARE(s->currentFrame(), 7);
    QTest::keyClick(s, Qt::Key_Left);
    QTest::keyClick(s, Qt::Key_O);
    QCOMPARE(s->outPoint(), 6);
    // The current image is the frame's picture.
    QCOMPARE(s->currentImage().pixelColor(0, 0).red(), 20 + 10 * 6);
  }

  void playPauseAndLoop() {
    TimelinePanel panel;
    panel.resize(640, 120);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TimelineStrip* s = panel.strip();
    s->setClip(std::make_shared<lanterna::Video>(lanterna::test::syntheticClip(6, 16, 60)));
    s->setRange(2, 4);
    s->setFocus();
    QSignalSpy frames(s, &TimelineStrip::currentFrameChanged);
    QTest::keyClick(s, Qt::Key_Space);
    QVERIFY(s->isPlaying());
    // Playback wraps around inside the in/out range.
    QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 8, 30000);
    for (const auto& args : frames) {
      const int f = args.first().toInt();
      QVERIFY2(f >= 2 && f <= 4, qPrintable(QString::number(f)));
    }
    QTest::keyClick(s, Qt::Key_Space);
    QVERIFY(!s->isPlaying());
    // Without loop, playback stops at the out marker.
    s->setLoop(false);
    s->setCurrentFrame(2);
    QSignalSpy playing(s, &TimelineStrip::playingChanged);
    QTest::mouseClick(panel.playButton(), Qt::LeftButton);
    QVERIFY(playing.count() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(!s->isPlaying(), 30000);
    QCOMPARE(s->currentFrame(), 4);
  }
};

LANTERNA_UI_TEST(TestTimeline);
#include "tst_timeline.moc"
