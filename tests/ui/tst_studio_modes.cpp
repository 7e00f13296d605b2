// Every mode from the GUI with the tiny models (base, conditional, ssr and
// the style pack "sketch"): the inputs the panels hold reach the engine and a
// clip lands on the timeline.
#include "ui_test.h"

#include "engine/engine_bridge.h"
#include "engine/video_convert.h"
#include "main_window.h"
#include "media/gif_encode.h"
#include "panels/input_panel.h"
#include "panels/mask_panel.h"
#include "panels/prompt_panel.h"
#include "panels/timeline_panel.h"
#include "widgets/mask_canvas.h"
#include "widgets/message_bar.h"
#include "widgets/prompt_edit.h"
#include "widgets/timeline_strip.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace lanterna::ui;

Q_DECLARE_METATYPE(lanterna::Mode)

class TestStudioModes : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  // One window (one engine load) for every mode.
  std::unique_ptr<MainWindow> window_;

 private Q_SLOTS:
  void initTestCase() {
    window_ = std::make_unique<MainWindow>(lanterna::test::tinyOptions());
    window_->show();
    QSignalSpy loaded(window_->engine(), &EngineBridge::modelsLoaded);
    QVERIFY(window_->engine()->modelsReady() || loaded.wait(60000));
  }

  void cleanupTestCase() {
    window_->setModified(false);
    window_.reset();
  }

  void generatesEveryMode_data() {
    QTest::addColumn<lanterna::Mode>("mode");
    QTest::addColumn<bool>("clipInput");
    QTest::addColumn<bool>("mask");
    QTest::newRow("t2v") << lanterna::Mode::TextToVideo << false << false;
    QTest::newRow("i2v") << lanterna::Mode::ImageToVideo << false << false;
    QTest::newRow("cinemagraph") << lanterna::Mode::Cinemagraph << false << true;
    QTest::newRow("inpaint") << lanterna::Mode::Inpaint << true << true;
    QTest::newRow("outpaint") << lanterna::Mode::Outpaint << false << false;
    QTest::newRow("v2v") << lanterna::Mode::VideoToVideo << true << false;
    QTest::newRow("upscale") << lanterna::Mode::Upscale << true << false;
  }

  void generatesEveryMode() {
    QFETCH(lanterna::Mode, mode);
    QFETCH(bool, clipInput);
    QFETCH(bool, mask);
    MainWindow& w = *window_;
    w.inputPanel()->clear();
    w.maskPanel()->canvas()->setMask(QImage());
    if (clipInput) {
      const QString file = dir_.filePath(QStringLiteral("clip.gif"));
      lanterna::encode_gif(file.toStdString(), lanterna::test::syntheticClip(4, 16));
      QVERIFY(w.inputPanel()->loadFile(file));
    } else if (mode != lanterna::Mode::TextToVideo) {
      w.inputPanel()->setImage(frameImage(lanterna::test::syntheticClip(1, 24), 0),
                               QStringLiteral("still"));
    }
    PromptPanel* p = w.promptPanel();
    p->setMode(mode);
    p->promptEdit()->setPlainText(
        QStringLiteral("a red circle moving right on a black background"));
    p->framesBox()->setValue(4);
    p->stepsBox()->setValue(2);
    if (mask) {
      MaskCanvas* c = w.maskPanel()->canvas();
      c->setBrushSize(50);
      QTest::mouseClick(c, Qt::LeftButton, {}, c->toWidget(QPointF(8, 8)).toPoint());
      QVERIFY(!c->isMaskEmpty());
    }
    QSignalSpy finished(&w, &MainWindow::generationFinished);
    w.generate();
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(w.messageBar()->text()));
    QVERIFY(w.timelinePanel()->strip()->frameCount() > 0);
  }

  void stylePackIsListedAndUsed() {
    MainWindow& w = *window_;
    w.inputPanel()->clear();
    w.promptPanel()->setMode(lanterna::Mode::TextToVideo);
    auto* style = w.promptPanel()->findChild<QComboBox*>(QStringLiteral("style"));
    QVERIFY(style->findData(QStringLiteral("sketch")) > 0);
    style->setCurrentIndex(style->findData(QStringLiteral("sketch")));
    QCOMPARE(w.buildRequest().style, std::string("sketch"));
    w.promptPanel()->promptEdit()->setPlainText(QStringLiteral("a red circle"));
    w.promptPanel()->framesBox()->setValue(4);
    w.promptPanel()->stepsBox()->setValue(2);
    QSignalSpy finished(&w, &MainWindow::generationFinished);
    w.generate();
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(w.messageBar()->text()));
  }
};

LANTERNA_UI_TEST(TestStudioModes);
#include "tst_studio_modes.moc"
