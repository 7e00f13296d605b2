// Window behaviour: the unsaved-changes prompt on close, the layout and
// recent files remembered across sessions, window shortcuts.
#include "ui_test.h"

#include "main_window.h"
#include "panels/prompt_panel.h"
#include "panels/timeline_panel.h"
#include "widgets/prompt_edit.h"
#include "widgets/timeline_strip.h"

#include <QAbstractButton>
#include <QDockWidget>
#include <QMessageBox>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace lanterna::ui;

namespace {

// Clicks the button with `text` of the message box once it is shown.
void answerNextMessageBox(const QString& text) {
  QTimer::singleShot(0, [text] {
    auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
    QVERIFY(box);
    for (QAbstractButton* b : box->buttons())
      if (b->text() == text) b->click();
  });
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void unsavedChangesPromptOnClose() {
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QVERIFY(!w.isModified());
    QTest::keyClicks(w.promptPanel()->promptEdit(), "a red circle");
    QVERIFY(w.isModified());
    QVERIFY(w.isWindowModified());
    answerNextMessageBox(QStringLiteral("Cancel"));
    QVERIFY(!w.close());
    QVERIFY(w.isVisible());
    answerNextMessageBox(QStringLiteral("Discard"));
    QVERIFY(w.close());
  }

  void layoutIsRemembered() {
    {
      MainWindow w(lanterna::test::tinyOptions());
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      auto* timeline = w.findChild<QDockWidget*>(QStringLiteral("timelineDock"));
      QVERIFY(timeline->isVisible());
      timeline->close();
      QVERIFY(w.close());
    }
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.findChild<QDockWidget*>(QStringLiteral("timelineDock"))->isVisible());
    QVERIFY(w.findChild<QDockWidget*>(QStringLiteral("promptDock"))->isVisible());
  }

  void playbackShortcuts() {
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    TimelineStrip* s = w.timelinePanel()->strip();
    s->setClip(std::make_shared<lanterna::Video>(lanterna::test::syntheticClip(6, 16)));
    w.activateWindow();
    w.timelinePanel()->playButton()->setFocus();
    QTest::keyClick(&w, Qt::Key_Right);
    QCOMPARE(s->currentFrame(), 1);
    QTest::keyClick(&w, Qt::Key_Space);
    QVERIFY(s->isPlaying());
    QTest::keyClick(&w, Qt::Key_Space);
    QVERIFY(!s->isPlaying());
  }
};

LANTERNA_UI_TEST(TestMainWindow);
#include "tst_main_window.moc"
