// The image-drop panel: a dropped still switches the mode to image-to-video
// and says what happens to it; a dropped clip switches to video-to-video; a
// dropped Lanterna export restores its settings.
#include "ui_test.h"

#include "engine/video_convert.h"
#include "main_window.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "panels/input_panel.h"
#include "panels/prompt_panel.h"
#include "widgets/mask_canvas.h"
#include "panels/mask_panel.h"
#include "widgets/prompt_edit.h"

#include <QDropEvent>
#include <QMimeData>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace lanterna::ui;

namespace {

void dropFile(QWidget* target, const QString& file) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(file)});
  const QPointF pos(target->width() / 2.0, target->height() / 2.0);
  QDragEnterEvent enter(pos.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(target, &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(target, &drop);
  QVERIFY(drop.isAccepted());
}

}  // namespace

class TestInputPanel : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private Q_SLOTS:
  void droppedStillSwitchesToImageToVideo() {
    QImage image(96, 64, QImage::Format_RGB888);
    image.fill(QColor(200, 30, 30));
    const QString file = dir_.filePath(QStringLiteral("still.png"));
    QVERIFY(image.save(file));
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QCOMPARE(w.promptPanel()->mode(), lanterna::Mode::TextToVideo);
    dropFile(w.inputPanel(), file);
    QVERIFY(w.inputPanel()->hasInput());
    QVERIFY(w.inputPanel()->isStill());
    QCOMPARE(w.promptPanel()->mode(), lanterna::Mode::ImageToVideo);
    // The panel says it is cropped to the centred square and resized.
    QVERIFY(w.inputPanel()->explanation().contains(QStringLiteral("64 x 64")));
    QCOMPARE(w.inputPanel()->sha256().size(), 64);
    // The mask canvas paints over the dropped image.
    QCOMPARE(w.maskPanel()->canvas()->background().size(), QSize(96, 64));
    // The request carries the image and the file record.
    const lanterna::GenerationRequest r = w.buildRequest();
    QCOMPARE(r.input_image.width, 96);
    QCOMPARE(r.input_files.size(), size_t(1));
    QCOMPARE(QString::fromStdString(r.input_files[0].role), QStringLiteral("image"));
    w.setModified(false);
  }

  void droppedClipSwitchesToVideoToVideo() {
    const QString file = dir_.filePath(QStringLiteral("clip.gif"));
    lanterna::encode_gif(file.toStdString(), lanterna::test::syntheticClip(6, 32));
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    dropFile(w.inputPanel(), file);
    QVERIFY(w.inputPanel()->hasInput());
    QVERIFY(!w.inputPanel()->isStill());
    QCOMPARE(w.inputPanel()->clip()->frames, 6);
    QCOMPARE(w.promptPanel()->mode(), lanterna::Mode::VideoToVideo);
    QCOMPARE(w.buildRequest().input_video.frames, 6);
    w.setModified(false);
  }

  void droppedExportRestoresSettings() {
    lanterna::Image frame = toImage(QImage(32, 32, QImage::Format_RGB888));
    const QString file = dir_.filePath(QStringLiteral("export.png"));
    lanterna::write_png(file.toStdString(), frame,
                        R"({"generator":"lanterna","mode":"t2v","prompt":"a blue square )"
                        R"(falling","seed":42,"frames":12,"steps":7,"guidance":4.5})");
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    dropFile(w.inputPanel(), file);
    QCOMPARE(w.promptPanel()->promptEdit()->toPlainText(), QStringLiteral("a blue square falling"));
    QCOMPARE(w.promptPanel()->seedBox()->value(), 42);
    QCOMPARE(w.promptPanel()->stepsBox()->value(), 7);
    QCOMPARE(w.promptPanel()->framesBox()->value(), 12);
    QCOMPARE(w.promptPanel()->mode(), lanterna::Mode::TextToVideo);
    w.setModified(false);
  }

  void badFileShowsCoreMessage() {
    const QString file = dir_.filePath(QStringLiteral("broken.png"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a png at all");
    f.close();
    InputPanel panel;
    QString error;
    QVERIFY(!panel.loadFile(file, &error));
    QVERIFY(error.contains(QStringLiteral("broken.png")));
    QVERIFY(!panel.hasInput());
  }
};

LANTERNA_UI_TEST(TestInputPanel);
#include "tst_input_panel.moc"
