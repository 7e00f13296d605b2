// The export dialog writes playable MP4 and GIF files (checked by probing
// them back), honours the trim range and the size, and embeds the settings.
#include "ui_test.h"

#include "dialogs/export_dialog.h"
#include "media/media_import.h"
#include "media/video_encode.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lanterna::ui;

class TestExportDialog : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  static VideoPtr clip() {
    auto v = std::make_shared<lanterna::Video>(lanterna::test::syntheticClip(8, 32));
    v->settings_json = R"({"generator":"lanterna","prompt":"a red square moving right","seed":5})";
    return v;
  }

  static bool runExport(ExportDialog& d) {
    QSignalSpy done(&d, &ExportDialog::exportFinished);
    // Press the dialog's Export button, as the user does.
    auto* buttons = d.findChild<QDialogButtonBox*>();
    for (QAbstractButton* b : buttons->buttons())
      if (buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
        QTest::mouseClick(b, Qt::LeftButton);
    if (!done.wait(60000)) return false;
    return done.first().first().toBool();
  }

 private Q_SLOTS:
  void exportsMp4WithTrimAndSettings() {
    const QString path = dir_.filePath(QStringLiteral("clip.mp4"));
    ExportDialog d(clip(), 2, 5, path);
    d.show();
    QCOMPARE(d.options().format, ExportFormat::Mp4);
    QCOMPARE(d.options().first, 2);
    QCOMPARE(d.options().last, 5);
    QVERIFY2(runExport(d), qPrintable(d.errorMessage()));
    const lanterna::MediaInfo info = lanterna::probe_media(path.toStdString());
    QCOMPARE(info.codec, std::string("h264"));
    QCOMPARE(info.frames, 4);
    QCOMPARE(info.width, 32);
    QVERIFY(QString::fromStdString(info.settings_json).contains(QStringLiteral("red square")));
  }

  void exportsGifResized() {
    const QString path = dir_.filePath(QStringLiteral("clip.mp4"));
    ExportDialog d(clip(), 0, 7, path);
    d.show();
    auto* format = d.findChild<QComboBox*>(QStringLiteral("format"));
    format->setCurrentIndex(format->findData(static_cast<int>(ExportFormat::Gif)));
    QCOMPARE(d.options().path, dir_.filePath(QStringLiteral("clip.gif")));
    auto* size = d.findChild<QComboBox*>(QStringLiteral("size"));
    QVERIFY(size->findData(256) >= 0);
    size->setCurrentIndex(size->findData(256));
    QVERIFY2(runExport(d), qPrintable(d.errorMessage()));
    const lanterna::Video back =
        lanterna::read_video(dir_.filePath(QStringLiteral("clip.gif")).toStdString());
    QCOMPARE(back.frames, 8);
    QCOMPARE(back.width, 256);
    QVERIFY(QString::fromStdString(back.settings_json).contains(QStringLiteral("red square")));
  }

  void exportsPngSequence() {
    const QString path = dir_.filePath(QStringLiteral("frames"));
    ExportDialog d(clip(), 0, 2, path);
    ExportOptions o = d.options();
    o.format = ExportFormat::PngSequence;
    o.path = path;
    d.setOptions(o);
    QVERIFY2(runExport(d), qPrintable(d.errorMessage()));
    QCOMPARE(QDir(path).entryList({QStringLiteral("frame_*.png")}, QDir::Files).size(), 3);
    QVERIFY(QFile::exists(QDir(path).filePath(QStringLiteral("settings.json"))));
  }

  void errorIsShown() {
    ExportDialog d(clip(), 0, 7, dir_.filePath(QStringLiteral("missing-dir/x.mp4")));
    QVERIFY(!runExport(d));
    QVERIFY(!d.errorMessage().isEmpty());
  }
};

LANTERNA_UI_TEST(TestExportDialog);
#include "tst_export_dialog.moc"
