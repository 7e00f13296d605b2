#include "media/media_import.h"

#include "common/error.h"
#include "common/sha256.h"
#include "io/atomic_file.h"
#include "media/ffmpeg_error.h"
#include "media/gif_encode.h"
#include "media/png_text.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
}

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lanterna {
namespace {

namespace fs = std::filesystem;

// Bounds on the work one import may do, so a hostile file cannot hang it.
constexpr int kMaxPackets = 200000;

[[noreturn]] void bad_file(const fs::path& file, const std::string& problem) {
  throw Error(ErrorCode::BadFile, "'" + file.string() + "' " + problem);
}

void check_readable(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec))
    throw Error(ErrorCode::NotFound, "'" + file.string() + "' does not exist");
  if (fs::is_regular_file(file, ec) && fs::file_size(file, ec) == 0)
    bad_file(file, "is empty (0 bytes)");
}

// Owns the FFmpeg objects of one decode and frees them in every exit path.
struct Decoder {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  ~Decoder() {
    sws_freeContext(sws);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    avformat_close_input(&format);
  }
};

// Clockwise rotation (0, 90, 180, 270) that displays the stream upright, as
// the ffmpeg program's autorotate computes it from the display matrix.
int display_rotation(const AVStream* stream) {
  const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
  if (!matrix) return 0;
  double theta = -std::round(av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix)));
  theta -= 360 * std::floor(theta / 360 + 0.9 / 360);
  const int quarter = static_cast<int>(std::lround(theta / 90)) % 4;
  return quarter * 90;
}

Image rotate_clockwise(const Image& in, int degrees) {
  if (degrees == 0) return in;
  Image out;
  const bool swap = degrees == 90 || degrees == 270;
  out.width = swap ? in.height : in.width;
  out.height = swap ? in.width : in.height;
  out.rgb.resize(in.rgb.size());
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) {
      int ox = x, oy = y;
      if (degrees == 90) ox = in.height - 1 - y, oy = x;
      if (degrees == 180) ox = in.width - 1 - x, oy = in.height - 1 - y;
      if (degrees == 270) ox = y, oy = in.width - 1 - x;
      const uint8_t* s = &in.rgb[(static_cast<size_t>(y) * in.width + x) * 3];
      std::copy(s, s + 3, &out.rgb[(static_cast<size_t>(oy) * out.width + ox) * 3]);
    }
  return out;
}

// A decoded frame as 8-bit RGB: any pixel format through RGBA, alpha
// composited over black.
Image to_rgb(Decoder& d, const fs::path& file) {
  const AVFrame* f = d.frame;
  d.sws = sws_getCachedContext(d.sws, f->width, f->height, static_cast<AVPixelFormat>(f->format),
                               f->width, f->height, AV_PIX_FMT_RGBA,
                               SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr,
                               nullptr, nullptr);
  if (!d.sws) bad_file(file, "has a pixel format Lanterna cannot convert");
  std::vector<uint8_t> rgba(static_cast<size_t>(f->width) * f->height * 4);
  uint8_t* dst[4] = {rgba.data(), nullptr, nullptr, nullptr};
  int stride[4] = {f->width * 4, 0, 0, 0};
  sws_scale(d.sws, f->data, f->linesize, 0, f->height, dst, stride);
  Image img;
  img.width = f->width;
  img.height = f->height;
  img.rgb.resize(static_cast<size_t>(f->width) * f->height * 3);
  for (size_t i = 0, n = static_cast<size_t>(f->width) * f->height; i < n; ++i) {
    const int a = rgba[i * 4 + 3];
    for (int c = 0; c < 3; ++c)
      img.rgb[i * 3 + c] = static_cast<uint8_t>((rgba[i * 4 + c] * a + 127) / 255);
  }
  return img;
}

// Picks output frames at times k / fps: each is the latest source frame
// shown at that time (fps <= 0 keeps every source frame).
class Resampler {
 public:
  Resampler(double fps, int max_frames, Video* out) : fps_(fps), max_(max_frames), out_(out) {}
  bool full() const { return out_->frames >= max_; }
  // A source frame shown from `time` seconds on.
  void add(Image img, double time) {
    if (fps_ <= 0) {
      emit(img);
      return;
    }
    if (have_last_)
      while (!full() && next_time() < time - 1e-6) emit(last_);
    last_ = std::move(img);
    have_last_ = true;
  }
  // The last frame stays on screen until `end` seconds.
  void finish(double end) {
    if (fps_ <= 0 || !have_last_) return;
    if (out_->frames == 0) emit(last_);
    while (!full() && next_time() < end - 1e-6) emit(last_);
  }

 private:
  double next_time() const { return out_->frames / fps_; }
  void emit(const Image& img) {
    if (full()) return;
    if (out_->frames == 0) {
      out_->width = img.width;
      out_->height = img.height;
    }
    out_->rgb.insert(out_->rgb.end(), img.rgb.begin(), img.rgb.end());
    ++out_->frames;
  }
  double fps_;
  int max_;
  Video* out_;
  Image last_;
  bool have_last_ = false;
};

std::string embedded_settings(const Decoder& d, const fs::path& file) {
  if (const AVDictionaryEntry* c = av_dict_get(d.format->metadata, "comment", nullptr, 0))
    return c->value;
  const std::string format = d.format->iformat->name;
  if (format == "gif") return gif_comment(read_file(file));
  if (d.codec && d.codec->codec_id == AV_CODEC_ID_PNG) return png_text(read_file(file), "lanterna");
  return "";
}

void open_decoder(Decoder& d, const fs::path& file, const ImportOptions& o, int* stream_index) {
  av_log_set_level(AV_LOG_QUIET);  // problems are reported through Error
  check_readable(file);
  int r = avformat_open_input(&d.format, file.c_str(), nullptr, nullptr);
  if (r < 0) bad_file(file, "is not a readable image or video (" + av_error_text(r) + ")");
  r = avformat_find_stream_info(d.format, nullptr);
  if (r < 0) bad_file(file, "cannot be read: " + av_error_text(r));
  const int index = av_find_best_stream(d.format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0) bad_file(file, "has no video or image stream");
  const AVCodecParameters* par = d.format->streams[index]->codecpar;
  if (par->width <= 0 || par->height <= 0)
    bad_file(file, "is not a readable image or video (no frame size: truncated or not media)");
  if (static_cast<int64_t>(par->width) * par->height > o.max_pixels)
    bad_file(file, "is " + std::to_string(par->width) + "x" + std::to_string(par->height) +
                       ", larger than the " + std::to_string(o.max_pixels) +
                       " pixels per frame Lanterna reads");
  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (!codec)
    bad_file(file, std::string("uses the codec '") + avcodec_get_name(par->codec_id) +
                       "', which this FFmpeg cannot decode");
  d.codec = avcodec_alloc_context3(codec);
  d.frame = av_frame_alloc();
  d.packet = av_packet_alloc();
  if (!d.codec || !d.frame || !d.packet) throw Error(ErrorCode::Internal, "out of memory");
  check_av(avcodec_parameters_to_context(d.codec, par), file, "decoder parameters");
  r = avcodec_open2(d.codec, codec, nullptr);
  if (r < 0) bad_file(file, "cannot be decoded: " + av_error_text(r));
  *stream_index = index;
}

double source_fps(const AVStream* s) {
  if (s->avg_frame_rate.num > 0 && s->avg_frame_rate.den > 0) return av_q2d(s->avg_frame_rate);
  if (s->r_frame_rate.num > 0 && s->r_frame_rate.den > 0) return av_q2d(s->r_frame_rate);
  return 0;
}

Video decode_file(const fs::path& file, const ImportOptions& o) {
  Decoder d;
  int index = 0;
  open_decoder(d, file, o, &index);
  AVStream* stream = d.format->streams[index];
  const int rotation = display_rotation(stream);
  const double src_fps = source_fps(stream);
  const double start =
      stream->start_time != AV_NOPTS_VALUE ? stream->start_time * av_q2d(stream->time_base) : 0;
  Video out;
  out.fps = o.fps > 0 ? o.fps : (src_fps > 0 ? src_fps : 8.0);
  Resampler resampler(o.fps, o.max_frames, &out);
  double last_time = 0, last_duration = src_fps > 0 ? 1 / src_fps : 0.125;
  int decoded = 0, packets = 0;
  auto receive = [&]() {
    for (;;) {
      const int r = avcodec_receive_frame(d.codec, d.frame);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      if (r < 0) bad_file(file, "is corrupt: " + av_error_text(r));
      const int64_t pts = d.frame->best_effort_timestamp;
      double time =
          pts != AV_NOPTS_VALUE ? pts * av_q2d(stream->time_base) - start : decoded * last_duration;
      if (decoded > 0 && time <= last_time) time = last_time + last_duration;
      if (d.frame->width * static_cast<int64_t>(d.frame->height) > o.max_pixels)
        bad_file(file, "has a frame larger than Lanterna reads");
      resampler.add(rotate_clockwise(to_rgb(d, file), rotation), time);
      last_time = time;
      ++decoded;
      av_frame_unref(d.frame);
      if (resampler.full()) return;
    }
  };
  while (!resampler.full()) {
    const int r = av_read_frame(d.format, d.packet);
    if (r == AVERROR_EOF) break;
    if (r < 0) {
      if (decoded > 0) break;  // a truncated tail: keep what decoded
      bad_file(file, "cannot be read: " + av_error_text(r));
    }
    if (++packets > kMaxPackets) bad_file(file, "has more packets than Lanterna reads");
    if (d.packet->stream_index == index) {
      const int s = avcodec_send_packet(d.codec, d.packet);
      av_packet_unref(d.packet);
      if (s < 0 && s != AVERROR(EAGAIN) && s != AVERROR_INVALIDDATA)
        bad_file(file, "is corrupt: " + av_error_text(s));
      receive();
    } else {
      av_packet_unref(d.packet);
    }
  }
  if (!resampler.full()) {
    avcodec_send_packet(d.codec, nullptr);  // flush the decoder
    receive();
  }
  if (decoded == 0) bad_file(file, "holds no decodable frame (truncated or corrupt)");
  resampler.finish(last_time + last_duration);
  out.settings_json = embedded_settings(d, file);
  return out;
}

// A folder of PNG frames in name order, with settings.json when Lanterna
// wrote it.
Video decode_png_folder(const fs::path& dir, const ImportOptions& o) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {  // name order below
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (entry.is_regular_file() && ext == ".png") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) bad_file(dir, "is a folder without .png frames");
  Video out;
  double src_fps = 8;
  std::error_code ec;
  if (fs::exists(dir / "settings.json", ec)) {
    out.settings_json = read_file(dir / "settings.json");
    const nlohmann::json j = nlohmann::json::parse(out.settings_json, nullptr, false);
    if (j.is_object() && j.contains("fps") && j["fps"].is_number() && j["fps"].get<double>() > 0)
      src_fps = j["fps"].get<double>();
  }
  // The frames' own tEXt chunk holds the exact settings string.
  const std::string embedded = png_text(read_file(files[0]), "lanterna");
  if (!embedded.empty()) out.settings_json = embedded;
  out.fps = o.fps > 0 ? o.fps : src_fps;
  Resampler resampler(o.fps, o.max_frames, &out);
  for (size_t i = 0; i < files.size() && !resampler.full(); ++i) {
    const Image img = read_image(files[i]);
    if (out.frames > 0 && (img.width != out.width || img.height != out.height))
      bad_file(files[i], "is " + std::to_string(img.width) + "x" + std::to_string(img.height) +
                             " but the first frame of the sequence is " +
                             std::to_string(out.width) + "x" + std::to_string(out.height));
    resampler.add(img, i / src_fps);
  }
  resampler.finish(files.size() / src_fps);
  return out;
}

}  // namespace

Image read_image(const std::filesystem::path& file) {
  ImportOptions o;
  o.max_frames = 1;
  std::error_code ec;
  if (fs::is_directory(file, ec)) bad_file(file, "is a folder, not an image");
  return decode_file(file, o).frame_image(0);
}

Video read_video(const std::filesystem::path& file, const ImportOptions& options) {
  require(options.max_frames >= 1 && options.max_frames <= 10000,
          "max_frames must be in 1..10000 (got " + std::to_string(options.max_frames) + ")");
  require(options.fps >= 0 && options.fps <= 240,
          "fps must be in 0..240 (got " + std::to_string(options.fps) + ")");
  std::error_code ec;
  if (fs::is_directory(file, ec)) return decode_png_folder(file, options);
  return decode_file(file, options);
}

std::string file_sha256(const std::filesystem::path& file) {
  std::error_code ec;
  if (!fs::is_directory(file, ec)) return sha256_file(file);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(file))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Sha256 sha;
  for (const auto& f : files) sha.update(f.filename().string() + ":" + sha256_file(f) + "\n");
  return sha.hex_digest();
}

}  // namespace lanterna
