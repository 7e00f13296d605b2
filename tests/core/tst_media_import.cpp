#include "test_registry.h"

#include "common/error.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "media/media_import.h"
#include "media/video_encode.h"
#include "world/render.h"
#include "world/rng.h"
#include "world/scene_sampler.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <cmath>

using namespace lanterna;
using namespace lanterna::world;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(LANTERNA_SOURCE_DIR) / "tests" / "data";

// A clip of the procedural world: sharp anti-aliased shapes on a background,
// the content Lanterna generates.
Video world_clip(int frames, int size, double fps, uint64_t seed) {
  Rng rng(seed);
  const Scene scene = sample_scene(rng);
  Video v;
  v.width = v.height = size;
  v.frames = frames;
  v.fps = fps;
  v.rgb = render_clip(scene, frames, size);
  v.settings_json = "{\"generator\":\"lanterna\",\"prompt\":\"a red circle\",\"fps\":" +
                    std::to_string(static_cast<int>(fps)) + "}";
  return v;
}

double psnr(const uint8_t* a, const uint8_t* b, size_t n) {
  double se = 0;
  for (size_t i = 0; i < n; ++i) se += (a[i] - b[i]) * double(a[i] - b[i]);
  const double mse = se / n;
  return mse == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / mse);
}

double video_psnr(const Video& a, const Video& b) {
  return psnr(a.rgb.data(), b.rgb.data(), std::min(a.rgb.size(), b.rgb.size()));
}

// What each broken file must say.
void expect_error(const fs::path& file, ErrorCode code, const std::string& words) {
  try {
    read_video(file);
    QFAIL(("no error for " + file.string()).c_str());
  } catch (const Error& e) {
    const std::string what = e.what();
    QVERIFY2(e.code() == code, what.c_str());
    QVERIFY2(what.find(file.filename().string()) != std::string::npos, what.c_str());
    QVERIFY2(what.find(words) != std::string::npos, what.c_str());
  }
}

}  // namespace

class TestMediaImport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path path(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }

 private Q_SLOTS:
  void pngRoundTripsExactly() {
    const Video v = world_clip(1, 64, 8, 1);
    write_png(path("still.png"), v.frame_image(0), v.settings_json);
    const Image img = read_image(path("still.png"));
    QCOMPARE(img.width, 64);
    QVERIFY(img.rgb == v.frame_image(0).rgb);
    QCOMPARE(read_video(path("still.png")).settings_json, v.settings_json);
  }
  void pngSequenceRoundTripsExactly() {
    const Video v = world_clip(12, 48, 12, 2);
    write_png_sequence(path("seq"), v);
    const Video r = read_video(path("seq"));
    QCOMPARE(r.frames, 12);
    QCOMPARE(r.fps, 12.0);
    QVERIFY(r.rgb == v.rgb);
    QCOMPARE(r.settings_json, v.settings_json);
  }
  void mp4RoundTripsAbove40dB() {
    const Video v = world_clip(16, 128, 8, 3);
    encode_video(path("clip.mp4"), v);  // default quality
    const Video r = read_video(path("clip.mp4"));
    QCOMPARE(r.frames, 16);
    QCOMPARE(r.width, 128);
    QCOMPARE(r.fps, 8.0);
    QCOMPARE(r.settings_json, v.settings_json);
    const double db = video_psnr(v, r);
    QVERIFY2(db >= 40, std::to_string(db).c_str());
  }
  void webmRoundTrips() {
    const Video v = world_clip(8, 64, 8, 4);
    encode_video(path("clip.webm"), v);
    const Video r = read_video(path("clip.webm"));
    QCOMPARE(r.frames, 8);
    QCOMPARE(r.settings_json, v.settings_json);
    const double db = video_psnr(v, r);
    QVERIFY2(db >= 35, std::to_string(db).c_str());
  }
  void gifRoundTripsWithinItsPalette() {
    const Video v = world_clip(10, 64, 10, 5);
    encode_gif(path("clip.gif"), v);
    const Video r = read_video(path("clip.gif"));
    QCOMPARE(r.frames, 10);
    QCOMPARE(r.settings_json, v.settings_json);
    QVERIFY2(std::abs(r.fps - 10) < 0.5, std::to_string(r.fps).c_str());
    // 256 colours for a handful of flat colours plus anti-aliased edges.
    const double db = video_psnr(v, r);
    QVERIFY2(db >= 30, std::to_string(db).c_str());
  }
  void frameRateIsResampledAndFramesAreLimited() {
    const Video v = world_clip(8, 32, 8, 6);
    write_png_sequence(path("rate"), v);
    ImportOptions o;
    o.fps = 16;  // every source frame shown twice
    const Video up = read_video(path("rate"), o);
    QCOMPARE(up.frames, 16);
    QCOMPARE(up.fps, 16.0);
    for (int f = 0; f < 16; ++f)
      QVERIFY(std::equal(up.frame(f), up.frame(f) + up.frame_bytes(), v.frame(f / 2)));
    o.fps = 4;  // every other source frame
    const Video down = read_video(path("rate"), o);
    QCOMPARE(down.frames, 4);
    for (int f = 0; f < 4; ++f)
      QVERIFY(std::equal(down.frame(f), down.frame(f) + down.frame_bytes(), v.frame(f * 2)));
    o.fps = 0;
    o.max_frames = 3;
    QCOMPARE(read_video(path("rate"), o).frames, 3);
    // The same resampling on a real container (10 fps MOV read at 5 fps).
    o.fps = 5;
    o.max_frames = 80;
    const Video mov = read_video(kData / "clip.mov", o);
    QCOMPARE(mov.frames, 5);
    QCOMPARE(mov.width, 24);
  }
  void rotationMetadataIsHonoured() {
    // Stored 32x16 red|blue with a 90 degree display matrix: shown 16x32,
    // blue on top, as the ffmpeg program shows it.
    const Video r = read_video(kData / "rotated.mp4");
    QCOMPARE(r.width, 16);
    QCOMPARE(r.height, 32);
    const uint8_t* top = r.frame(0) + (2 * 16 + 8) * 3;
    const uint8_t* bottom = r.frame(0) + (29 * 16 + 8) * 3;
    QVERIFY(top[2] > 200 && top[0] < 50);
    QVERIFY(bottom[0] > 200 && bottom[2] < 50);
  }
  void imageFormatsAndDepthsAreRead() {
    cv::Mat bgr(20, 30, CV_8UC3, cv::Scalar(40, 120, 200));  // B, G, R
    for (const char* name : {"a.jpg", "a.webp", "a.bmp"}) {
      QVERIFY(cv::imwrite(path(name).string(), bgr));
      const Image img = read_image(path(name));
      QCOMPARE(img.width, 30);
      QCOMPARE(img.height, 20);
      QVERIFY2(std::abs(img.rgb[0] - 200) <= 4 && std::abs(img.rgb[2] - 40) <= 4, name);
    }
    cv::Mat deep(8, 8, CV_16UC3, cv::Scalar(0, 32768, 65535));
    QVERIFY(cv::imwrite(path("deep.png").string(), deep));
    Image img = read_image(path("deep.png"));
    QCOMPARE(int(img.rgb[0]), 255);
    QVERIFY(std::abs(img.rgb[1] - 128) <= 1);
    cv::Mat gray(8, 8, CV_8UC1, cv::Scalar(77));
    QVERIFY(cv::imwrite(path("gray.png").string(), gray));
    img = read_image(path("gray.png"));
    QCOMPARE(int(img.rgb[0]), 77);
    QCOMPARE(int(img.rgb[2]), 77);
    // Alpha is composited over black: half-transparent white reads mid grey.
    cv::Mat rgba(8, 8, CV_8UC4, cv::Scalar(255, 255, 255, 128));
    QVERIFY(cv::imwrite(path("alpha.png").string(), rgba));
    img = read_image(path("alpha.png"));
    QVERIFY(std::abs(img.rgb[0] - 128) <= 1);
  }
  void brokenFilesGetClearErrors() {
    expect_error(kData / "empty.mp4", ErrorCode::BadFile, "empty");
    expect_error(kData / "truncated.mp4", ErrorCode::BadFile, "");
    expect_error(kData / "not_an_image.png", ErrorCode::BadFile, "not a readable image or video");
    expect_error(kData / "garbage.webm", ErrorCode::BadFile, "");
    expect_error(kData / "huge.png", ErrorCode::BadFile, "larger than");
    expect_error(kData / "truncated.png", ErrorCode::BadFile, "");
    expect_error(kData / "no_such_file.mp4", ErrorCode::NotFound, "does not exist");
    fs::create_directories(path("empty_folder"));
    expect_error(path("empty_folder"), ErrorCode::BadFile, "without .png frames");
  }
  void filesAreHashed() {
    QCOMPARE(file_sha256(kData / "empty.mp4"),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QVERIFY(file_sha256(kData / "clip.mov") != file_sha256(kData / "rotated.mp4"));
  }
};

LANTERNA_TEST(TestMediaImport);
#include "tst_media_import.moc"
