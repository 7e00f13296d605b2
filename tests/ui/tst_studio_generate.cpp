// The core loop through the real main window: type a prompt, generate with a
// tiny model, watch live previews land on the timeline; cancel mid-run;
// close the window during a run; errors from core in the message bar.
#include "ui_test.h"

#include "engine/engine_bridge.h"
#include "main_window.h"
#include "panels/history_panel.h"
#include "panels/plots_panel.h"
#include "panels/prompt_panel.h"
#include "panels/timeline_panel.h"
#include "widgets/message_bar.h"
#include "widgets/prompt_edit.h"
#include "widgets/timeline_strip.h"

#include <QCheckBox>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

using namespace lanterna::ui;

class TestStudioGenerate : public QObject {
  Q_OBJECT

  static std::unique_ptr<MainWindow> openWindow() {
    auto w = std::make_unique<MainWindow>(lanterna::test::tinyOptions());
    w->show();
    return w;
  }
  static bool waitForModels(MainWindow& w) {
    if (w.engine()->modelsReady()) return true;
    QSignalSpy loaded(w.engine(), &EngineBridge::modelsLoaded);
    return loaded.wait(60000);
  }

 private Q_SLOTS:
  void typePromptAndGenerate() {
    auto w = openWindow();
    QVERIFY(waitForModels(*w));
    PromptPanel* p = w->promptPanel();
    // The panel starts at the engine's defaults (sampler, steps, guidance).
    const lanterna::GenerationRequest defaults;
    lanterna::GenerationRequest shown;
    p->fillRequest(shown);
    QCOMPARE(shown.sampler, defaults.sampler);
    QCOMPARE(shown.steps, defaults.steps);
    QCOMPARE(shown.guidance, defaults.guidance);
    QCOMPARE(shown.compose_objects, defaults.compose_objects);
    p->promptEdit()->setFocus();
    QTest::keyClicks(p->promptEdit(), "a red circle moving right");
    p->framesBox()->setValue(8);
    p->stepsBox()->setValue(3);
    p->seedBox()->setValue(7);
    p->seedLock()->setChecked(true);
    QSignalSpy finished(w.get(), &MainWindow::generationFinished);
    QTest::keyClick(p->promptEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(w->engine()->isBusy());
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(p->promptEdit()->toPlainText(), QStringLiteral("a red circle moving right"));
    QCOMPARE(w->timelinePanel()->strip()->frameCount(), 8);
    QVERIFY(w->previewsShown() > 0);
    QCOMPARE(w->historyPanel()->count(), 1);
    QVERIFY(w->plotsPanel()->trajectoryPoints() >= 3);
    QCOMPARE(p->seedBox()->value(), 7);  // locked
    QVERIFY(p->generateButton()->isEnabled());
    QVERIFY(!p->cancelButton()->isEnabled());
    QVERIFY(w->isModified());
    w->setModified(false);
  }

  void composeObjectsBoxFollowsTheMode() {
    // "Two objects one at a time" applies to text to video only: other modes
    // disable it, and the request carries its state.
    auto w = openWindow();
    PromptPanel* p = w->promptPanel();
    auto* compose = p->findChild<QCheckBox*>(QStringLiteral("composeObjects"));
    QVERIFY(compose);
    QVERIFY(compose->isChecked());
    QVERIFY(compose->isEnabled());
    p->setMode(lanterna::Mode::ImageToVideo);
    QVERIFY(!compose->isEnabled());
    p->setMode(lanterna::Mode::TextToVideo);
    QVERIFY(compose->isEnabled());
    compose->setChecked(false);
    lanterna::GenerationRequest r;
    p->fillRequest(r);
    QVERIFY(!r.compose_objects);
    r.compose_objects = true;
    p->applyRequest(r);
    QVERIFY(compose->isChecked());
  }

  void candidatesBoxFollowsTheMode() {
    // Candidates apply to text to video only, start at the engine's default
    // and reach the request.
    auto w = openWindow();
    PromptPanel* p = w->promptPanel();
    auto* candidates = p->findChild<QSpinBox*>(QStringLiteral("candidates"));
    QVERIFY(candidates);
    QCOMPARE(candidates->value(), lanterna::GenerationRequest().candidates);
    QVERIFY(candidates->isEnabled());
    p->setMode(lanterna::Mode::Inpaint);
    QVERIFY(!candidates->isEnabled());
    p->setMode(lanterna::Mode::TextToVideo);
    QVERIFY(candidates->isEnabled());
    candidates->setValue(4);
    lanterna::GenerationRequest r;
    p->fillRequest(r);
    QCOMPARE(r.candidates, 4);
    r.candidates = 1;
    p->applyRequest(r);
    QCOMPARE(candidates->value(), 1);
  }

  void unknownWordsAreUnderlined() {
    auto w = openWindow();
    PromptPanel* p = w->promptPanel();
    QTest::keyClicks(p->promptEdit(), "a red zorblax");
    QCOMPARE(p->unknownWords(), QStringList{QStringLiteral("zorblax")});
    QVERIFY(p->promptEdit()->isUnderlinedAt(8));
    QVERIFY(!p->promptEdit()->isUnderlinedAt(2));
    w->setModified(false);
  }

  void cancelMidRun() {
    auto w = openWindow();
    QVERIFY(waitForModels(*w));
    PromptPanel* p = w->promptPanel();
    QTest::keyClicks(p->promptEdit(), "a blue square falling");
    p->framesBox()->setValue(8);
    p->stepsBox()->setValue(100);
    // The engine thread waits at its first step until Esc has been pressed,
    // so the cancel lands mid-run however fast the tiny model is.
    QSemaphore pressed;
    w->engine()->setProgressHook([&pressed](const ProgressInfo& info) {
      if (info.step == 1) pressed.acquire();
    });
    QSignalSpy progress(w->engine(), &EngineBridge::progress);
    QSignalSpy cancelled(w->engine(), &EngineBridge::cancelled);
    QTest::mouseClick(p->generateButton(), Qt::LeftButton);
    QVERIFY(progress.wait(60000));
    QVERIFY(p->cancelButton()->isEnabled());
    QTest::keyClick(w.get(), Qt::Key_Escape);
    pressed.release();
    QVERIFY(cancelled.count() == 1 || cancelled.wait(60000));
    QVERIFY(progress.count() < 100);
    QVERIFY(!w->engine()->isBusy());
    QCOMPARE(w->timelinePanel()->strip()->frameCount(), 0);
    QCOMPARE(w->historyPanel()->count(), 0);
    QVERIFY(p->generateButton()->isEnabled());
    w->setModified(false);
  }

  void closeDuringGeneration() {
    auto* w = new MainWindow(lanterna::test::tinyOptions());
    w->show();
    QVERIFY(waitForModels(*w));
    PromptPanel* p = w->promptPanel();
    QTest::keyClicks(p->promptEdit(), "a green star spinning");
    p->stepsBox()->setValue(100);
    QSemaphore closed;
    w->engine()->setProgressHook([&closed](const ProgressInfo& info) {
      if (info.step == 1) closed.acquire();
    });
    QSignalSpy progress(w->engine(), &EngineBridge::progress);
    w->generate();
    QVERIFY(progress.wait(60000));
    w->setModified(false);
    QVERIFY(w->close());
    QVERIFY(!w->isVisible());
    closed.release();
    delete w;  // joins the engine thread after the cancel
  }

  void errorFromCoreShowsInMessageBar() {
    auto w = openWindow();
    QVERIFY(waitForModels(*w));
    PromptPanel* p = w->promptPanel();
    QTest::keyClicks(p->promptEdit(), "a red circle");
    p->framesBox()->setValue(8);
    p->stepsBox()->setValue(2);
    p->setMode(lanterna::Mode::VideoToVideo);  // no input clip: core refuses
    QSignalSpy finished(w.get(), &MainWindow::generationFinished);
    w->generate();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(w->messageBar()->text().contains(QStringLiteral("input")));
    QCOMPARE(w->messageBar()->kind(), MessageBar::Kind::Error);
    w->setModified(false);
  }
};

LANTERNA_UI_TEST(TestStudioGenerate);
#include "tst_studio_generate.moc"
