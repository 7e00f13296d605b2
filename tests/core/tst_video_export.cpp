#include "test_registry.h"

#include "common/error.h"
#include "io/atomic_file.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "media/png_text.h"
#include "media/video_encode.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace lanterna;
namespace fs = std::filesystem;

namespace {

Video gradient_clip(int frames, int size, double fps) {
  Video v;
  v.width = v.height = size;
  v.frames = frames;
  v.fps = fps;
  v.rgb.resize(v.frame_bytes() * frames);
  for (int f = 0; f < frames; ++f)
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        uint8_t* p = v.rgb.data() + v.frame_bytes() * f + (static_cast<size_t>(y) * size + x) * 3;
        p[0] = static_cast<uint8_t>(x * 255 / size);
        p[1] = static_cast<uint8_t>(y * 255 / size);
        p[2] = static_cast<uint8_t>(f * 255 / frames);
      }
  // (no raw string literal here: moc misreads them)
  v.settings_json = "{\"generator\":\"lanterna\",\"prompt\":\"a \\\"quoted\\\" red circle\"}";
  return v;
}

bool has_temporary(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  return false;
}

}  // namespace

class TestVideoExport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path path(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }

 private Q_SLOTS:
  void mp4HasH264FramesFpsAndSettings() {
    const Video v = gradient_clip(16, 128, 8);
    encode_video(path("clip.mp4"), v);
    const MediaInfo m = probe_media(path("clip.mp4"));
    QCOMPARE(m.codec, std::string("h264"));
    QCOMPARE(m.pixel_format, std::string("yuv420p"));
    QCOMPARE(m.width, 128);
    QCOMPARE(m.height, 128);
    QCOMPARE(m.frames, 16);
    QCOMPARE(m.fps, 8.0);
    QCOMPARE(m.settings_json, v.settings_json);
    QVERIFY(!has_temporary(path("")));
  }
  void webmHasVp9AndSettings() {
    const Video v = gradient_clip(8, 64, 12);
    encode_video(path("clip.webm"), v);
    const MediaInfo m = probe_media(path("clip.webm"));
    QCOMPARE(m.codec, std::string("vp9"));
    QCOMPARE(m.frames, 8);
    QCOMPARE(m.fps, 12.0);
    QCOMPARE(m.settings_json, v.settings_json);
  }
  void gifHasAPaletteLoopsAndCarriesTheSettings() {
    const Video v = gradient_clip(10, 64, 8);
    encode_gif(path("clip.gif"), v);
    const std::string bytes = read_file(path("clip.gif"));
    QVERIFY(bytes.compare(0, 6, "GIF89a") == 0);
    QVERIFY(bytes.find("NETSCAPE2.0") != std::string::npos);  // loop extension
    QCOMPARE(gif_comment(bytes), v.settings_json);
    const MediaInfo m = probe_media(path("clip.gif"));
    QCOMPARE(m.codec, std::string("gif"));
    QCOMPARE(m.frames, 10);
    QCOMPARE(m.width, 64);
    QCOMPARE(m.settings_json, v.settings_json);
    QVERIFY(std::fabs(m.duration - 10 / 8.0) < 0.05);
    GifOptions o;
    o.scale = 32;
    encode_gif(path("small.gif"), v, o);
    QCOMPARE(probe_media(path("small.gif")).width, 32);
  }
  void gifCommentsSurviveLongTextAndAbsence() {
    const std::string gif = read_file(path("clip.gif"));
    const std::string long_text(1000, 'x');
    QCOMPARE(gif_comment(gif_with_comment(gif, long_text)).substr(0, 1000), long_text);
    QCOMPARE(gif_comment("not a gif"), std::string());
  }
  void pngFramesCarryTheSettings() {
    Video v = gradient_clip(3, 16, 8);
    write_png_sequence(path("seq"), v);
    const std::string png = read_file(path("seq") / "frame_0002.png");
    QCOMPARE(png_text(png, "lanterna"), v.settings_json);
    QCOMPARE(png_text(png, "other"), std::string());
    const MediaInfo m = probe_media(path("seq") / "frame_0000.png");
    QCOMPARE(m.codec, std::string("png"));
    QCOMPARE(m.settings_json, v.settings_json);
    QCOMPARE(read_file(path("seq") / "settings.json"), v.settings_json + "\n");
    QVERIFY_THROWS_EXCEPTION(Error, png_with_text("not a png", "k", "v"));
  }
  void pngFolderOutputNeverReplacesWhatItDidNotWrite() {
    const Video v = gradient_clip(3, 16, 8);
    auto write_folder = [&](const fs::path& dir) { write_png_folder(dir, v); };
    // A file (or device) where the folder would go is left alone.
    write_file_atomic(path("notes"), "mine");
    QVERIFY_THROWS_EXCEPTION(Error, write_folder(path("notes")));
    QCOMPARE(read_file(path("notes")), std::string("mine"));
    // So is a folder holding anything the sequence does not write.
    fs::create_directories(path("photos"));
    write_file_atomic(path("photos") / "holiday.jpg", "jpeg");
    QVERIFY_THROWS_EXCEPTION(Error, write_folder(path("photos")));
    QCOMPARE(read_file(path("photos") / "holiday.jpg"), std::string("jpeg"));
    // An earlier sequence (here longer) is replaced as a whole.
    write_folder(path("frames"));
    write_file_atomic(path("frames") / "frame_0007.png", "old");
    write_folder(path("frames"));
    QVERIFY(fs::exists(path("frames") / "frame_0002.png"));
    QVERIFY(!fs::exists(path("frames") / "frame_0007.png"));
    QVERIFY(!has_temporary(path("")));
    QVERIFY(is_png_sequence_file("frame_0123.png") && is_png_sequence_file("settings.json"));
    QVERIFY(!is_png_sequence_file("frame_.png") && !is_png_sequence_file("frame_01a.png") &&
            !is_png_sequence_file("cover.png"));
  }
  void oddSizesAreMadeEven() {
    encode_video(path("odd.mp4"), gradient_clip(4, 33, 8));
    QCOMPARE(probe_media(path("odd.mp4")).width, 32);
  }
  void cancelLeavesThePreviousFileIntact() {
    const std::string before = read_file(path("clip.mp4"));
    std::atomic<bool> cancel{true};
    EncodeOptions o;
    o.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(Error, encode_video(path("clip.mp4"), gradient_clip(16, 64, 8), o));
    QVERIFY(read_file(path("clip.mp4")) == before);
    QVERIFY(!has_temporary(path("")));
  }
  void badTargetsAreClearErrors() {
    try {
      encode_video(path("missing/dir/x.mp4"), gradient_clip(4, 32, 8));
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("missing/dir/x.mp4") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, encode_video(path("x.avi"), gradient_clip(4, 32, 8)));
    EncodeOptions o;
    o.crf = 80;
    QVERIFY_THROWS_EXCEPTION(Error, encode_video(path("x.mp4"), gradient_clip(4, 32, 8), o));
  }
  void probeRejectsNonMedia() {
    write_file_atomic(path("notes.txt"), "not a video at all");
    write_file_atomic(path("empty.mp4"), "");
    for (const char* name : {"notes.txt", "empty.mp4", "absent.mp4"}) {
      try {
        probe_media(path(name));
        QFAIL(name);
      } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find(name) != std::string::npos, e.what());
      }
    }
  }
};

LANTERNA_TEST(TestVideoExport);
#include "tst_video_export.moc"
