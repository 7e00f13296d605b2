// Plots: the sampling trajectory, the motion of a region, the loss viewer.
#include "ui_test.h"

#include "panels/plots_panel.h"

#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace lanterna::ui;

class TestPlots : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void noiseLevelFallsToZero() {
    QVERIFY(cosineNoiseLevel(0, 25) > 0.99);
    QVERIFY(cosineNoiseLevel(25, 25) < 1e-6);
    double previous = 2;
    for (int s = 0; s <= 25; ++s) {
      const double level = cosineNoiseLevel(s, 25);
      QVERIFY(level < previous);
      previous = level;
    }
  }

  void trajectoryAndMotion() {
    PlotsPanel p;
    p.show();
    p.addTrajectoryPoint(1, 0.9, -1);
    p.addTrajectoryPoint(2, 0.5, 0.2);
    QCOMPARE(p.trajectoryPoints(), 2);
    p.resetTrajectory();
    QCOMPARE(p.trajectoryPoints(), 0);
    auto clip = std::make_shared<lanterna::Video>(lanterna::test::syntheticClip(6, 24));
    p.setMotion(clip, QImage());
    QCOMPARE(p.motionPoints(), 5);
    QImage region(24, 24, QImage::Format_Grayscale8);
    region.fill(255);
    p.setMotion(clip, region);
    QCOMPARE(p.motionPoints(), 5);
  }

  void lossViewer() {
    const QString path = dir_.filePath(QStringLiteral("loss.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("step,loss,lr,seconds\n1,0.5,0.0001,1.0\n2,0.25,0.0001,2.0\n3,0.125,0.0001,3.1\n");
    f.close();
    PlotsPanel p;
    QVERIFY(p.loadLossCsv(path));
    QCOMPARE(p.lossPoints(), 3);
    QCOMPARE(p.tabs()->currentIndex(), 2);
    const QString bad = dir_.filePath(QStringLiteral("bad.csv"));
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write("a,b\n1,2\n");
    b.close();
    QString error;
    QVERIFY(!p.loadLossCsv(bad, &error));
    QVERIFY(error.contains(QStringLiteral("step")));
    QCOMPARE(p.lossPoints(), 3);
  }
};

LANTERNA_UI_TEST(TestPlots);
#include "tst_plots.moc"
