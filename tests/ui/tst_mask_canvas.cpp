// The mask-painting canvas: a brush stroke paints, undo removes it, redo
// brings it back; fill, invert, eraser; per-frame masks for the in/out range.
#include "ui_test.h"

#include "engine/video_convert.h"
#include "panels/mask_panel.h"
#include "widgets/mask_canvas.h"

#include <QTest>
#include <QToolButton>

using namespace lanterna::ui;

class TestMaskCanvas : public QObject {
  Q_OBJECT

  static void stroke(MaskCanvas* c, QPointF from, QPointF to) {
    QTest::mousePress(c, Qt::LeftButton, {}, c->toWidget(from).toPoint());
    for (int i = 1; i <= 8; ++i)
      QTest::mouseMove(c, c->toWidget(from + (to - from) * (i / 8.0)).toPoint());
    QTest::mouseRelease(c, Qt::LeftButton, {}, c->toWidget(to).toPoint());
  }

 private Q_SLOTS:
  void paintStrokeAndUndo() {
    MaskPanel panel;
    panel.resize(400, 480);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    MaskCanvas* c = panel.canvas();
    QImage background(64, 64, QImage::Format_RGB888);
    background.fill(Qt::darkGreen);
    c->setBackground(background);
    QVERIFY(c->isMaskEmpty());
    stroke(c, {10, 32}, {54, 32});
    QVERIFY(!c->isMaskEmpty());
    QVERIFY(c->mask().pixelColor(32, 32).value() >= 128);
    QCOMPARE(c->mask().pixelColor(32, 2).value(), 0);
    QCOMPARE(c->undoStack()->count(), 1);
    const double painted = c->coverage();
    QTest::mouseClick(panel.findChild<QToolButton*>(QStringLiteral("undoMask")), Qt::LeftButton);
    QVERIFY(c->isMaskEmpty());
    QTest::mouseClick(panel.findChild<QToolButton*>(QStringLiteral("redoMask")), Qt::LeftButton);
    QCOMPARE(c->coverage(), painted);
    c->undoStack()->undo();
    QVERIFY(c->isMaskEmpty());
  }

  void fillInvertAndErase() {
    MaskCanvas c;
    c.resize(300, 300);
    c.show();
    QVERIFY(QTest::qWaitForWindowExposed(&c));
    QImage background(40, 40, QImage::Format_RGB888);
    background.fill(Qt::gray);
    c.setBackground(background);
    c.fill();
    QCOMPARE(c.coverage(), 1.0);
    c.invert();
    QCOMPARE(c.coverage(), 0.0);
    c.invert();
    c.setTool(MaskCanvas::Tool::Eraser);
    c.setFeather(0);
    stroke(&c, {5, 20}, {35, 20});
    QVERIFY(c.coverage() < 1.0);
    QCOMPARE(c.mask().pixelColor(20, 20).value(), 0);
    QCOMPARE(c.undoStack()->count(), 4);
    c.clear();
    QCOMPARE(c.coverage(), 0.0);
    c.undoStack()->undo();
    QVERIFY(c.coverage() > 0.5);
  }

  void maskVideoForInOutRange() {
    MaskPanel panel;
    QImage background(16, 16, QImage::Format_RGB888);
    panel.canvas()->setBackground(background);
    panel.canvas()->fill();
    const lanterna::Video all = panel.maskVideo(8, 2, 4);
    QCOMPARE(all.frames, 1);  // one frame applies to every frame
    panel.setRange(MaskPanel::Range::InOut);
    const lanterna::Video ranged = panel.maskVideo(8, 2, 4);
    QCOMPARE(ranged.frames, 8);
    QCOMPARE(int(ranged.frame(0)[0]), 0);
    QCOMPARE(int(ranged.frame(3)[0]), 255);
    QCOMPARE(int(ranged.frame(5)[0]), 0);
  }
};

LANTERNA_UI_TEST(TestMaskCanvas);
#include "tst_mask_canvas.moc"
