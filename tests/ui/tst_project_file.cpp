// Save and reopen a project: prompt, settings, input, mask, history, trim
// markers; written atomically (no temporary files left); recent files.
#include "ui_test.h"

#include "engine/engine_bridge.h"
#include "main_window.h"
#include "panels/history_panel.h"
#include "panels/input_panel.h"
#include "panels/mask_panel.h"
#include "panels/prompt_panel.h"
#include "panels/timeline_panel.h"
#include "project/project_file.h"
#include "widgets/mask_canvas.h"
#include "widgets/prompt_edit.h"
#include "widgets/timeline_strip.h"

#include <QCheckBox>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace lanterna::ui;

class TestProjectFile : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void saveAndReopen() {
    const QString path = dir_.filePath(QStringLiteral("scene.lanterna"));
    double coverage = 0;
    {
      MainWindow w(lanterna::test::tinyOptions());
      w.show();
      QSignalSpy loaded(w.engine(), &EngineBridge::modelsLoaded);
      QVERIFY(w.engine()->modelsReady() || loaded.wait(60000));
      PromptPanel* p = w.promptPanel();
      QTest::keyClicks(p->promptEdit(), "a yellow triangle moving left");
      p->framesBox()->setValue(8);
      p->stepsBox()->setValue(2);
      p->seedLock()->setChecked(true);
      p->seedBox()->setValue(1234);
      p->findChild<QCheckBox*>(QStringLiteral("composeObjects"))->setChecked(false);
      p->findChild<QSpinBox*>(QStringLiteral("candidates"))->setValue(3);
      QSignalSpy finished(&w, &MainWindow::generationFinished);
      w.generate();
      QVERIFY(finished.wait(120000));
      QVERIFY(finished.first().first().toBool());
      QImage still(48, 48, QImage::Format_RGB888);
      still.fill(QColor(10, 200, 90));
      w.inputPanel()->setImage(still, QStringLiteral("green.png"));
      QCOMPARE(p->mode(), lanterna::Mode::ImageToVideo);
      p->setMode(lanterna::Mode::Cinemagraph);
      MaskCanvas* c = w.maskPanel()->canvas();
      c->fill();
      c->invert();
      c->setBrushSize(40);
      c->setFeather(0);
      QTest::mouseClick(c, Qt::LeftButton, {}, c->toWidget(QPointF(24, 24)).toPoint());
      coverage = c->coverage();
      QVERIFY(coverage > 0.05 && coverage < 0.5);
      w.timelinePanel()->strip()->setRange(1, 5);
      QVERIFY(w.isModified());
      QVERIFY(w.saveProjectFile(path));
      QVERIFY(!w.isModified());
      QVERIFY(w.windowTitle().contains(QStringLiteral("scene.lanterna")));
    }
    QVERIFY(QFile::exists(path));
    QVERIFY(QFile::exists(path + QStringLiteral(".d/mask.png")));
    QVERIFY(QFile::exists(path + QStringLiteral(".d/input/frame_0000.png")));
    QVERIFY(QFile::exists(path + QStringLiteral(".d/history/000/frame_0007.png")));
    // Atomic writes leave nothing but the project and its folder.
    QCOMPARE(QDir(dir_.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList({QStringLiteral("scene.lanterna"), QStringLiteral("scene.lanterna.d")}));
    QVERIFY(QSettings().value(QStringLiteral("recentFiles")).toStringList().contains(path));

    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QVERIFY(w.openProjectFile(path));
    PromptPanel* p = w.promptPanel();
    QCOMPARE(p->promptEdit()->toPlainText(), QStringLiteral("a yellow triangle moving left"));
    QCOMPARE(p->seedBox()->value(), 1234);
    QCOMPARE(p->framesBox()->value(), 8);
    QCOMPARE(p->stepsBox()->value(), 2);
    QVERIFY(!p->findChild<QCheckBox*>(QStringLiteral("composeObjects"))->isChecked());
    QCOMPARE(p->findChild<QSpinBox*>(QStringLiteral("candidates"))->value(), 3);
    QCOMPARE(p->mode(), lanterna::Mode::Cinemagraph);
    QVERIFY(w.inputPanel()->hasInput());
    QCOMPARE(w.inputPanel()->firstFrame().pixelColor(3, 3), QColor(10, 200, 90));
    QCOMPARE(w.maskPanel()->canvas()->coverage(), coverage);
    QCOMPARE(w.historyPanel()->count(), 1);
    QCOMPARE(w.timelinePanel()->strip()->frameCount(), 8);
    QCOMPARE(w.timelinePanel()->strip()->inPoint(), 1);
    QCOMPARE(w.timelinePanel()->strip()->outPoint(), 5);
    QVERIFY(!w.isModified());
    // Saving again replaces the media folder atomically.
    QVERIFY(w.saveProjectFile(path));
    QCOMPARE(QDir(dir_.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(), 2);
  }

  void notAProjectIsRefused() {
    const QString path = dir_.filePath(QStringLiteral("bogus.lanterna"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"hello\": 1}");
    f.close();
    MainWindow w(lanterna::test::tinyOptions());
    QVERIFY(!w.openProjectFile(path));
    QVERIFY(w.projectPath().isEmpty());
  }
};

LANTERNA_UI_TEST(TestProjectFile);
#include "tst_project_file.moc"
