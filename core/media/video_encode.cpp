#include "media/video_encode.h"

#include "media/gif_encode.h"
#include "media/png_text.h"

#include "common/error.h"
#include "io/atomic_file.h"
#include "media/ffmpeg_error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <cmath>
#include <cstdio>

namespace lanterna {
namespace {

// Owns the FFmpeg objects of one encode and frees them in every exit path.
struct Encoder {
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  bool opened_io = false;
  ~Encoder() {
    sws_freeContext(sws);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    if (format && opened_io) avio_closep(&format->pb);
    avformat_free_context(format);
  }
};

void drain(Encoder& e, const std::filesystem::path& file, AVStream* stream) {
  for (;;) {
    const int r = avcodec_receive_packet(e.codec, e.packet);
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
    check_av(r, file, "encoding");
    av_packet_rescale_ts(e.packet, e.codec->time_base, stream->time_base);
    e.packet->stream_index = stream->index;
    check_av(av_interleaved_write_frame(e.format, e.packet), file, "writing");
  }
}

void encode_to(const std::filesystem::path& tmp, const std::filesystem::path& file,
               const char* container, const char* codec_name, const Video& v,
               const EncodeOptions& o) {
  Encoder e;
  check_av(avformat_alloc_output_context2(&e.format, nullptr, container, tmp.c_str()), file,
           "container");
  const AVCodec* codec = avcodec_find_encoder_by_name(codec_name);
  if (!codec)
    throw Error(ErrorCode::Internal, std::string("FFmpeg lacks the encoder ") + codec_name);
  AVStream* stream = avformat_new_stream(e.format, nullptr);
  e.codec = avcodec_alloc_context3(codec);
  const int width = v.width & ~1, height = v.height & ~1;
  const int fps_num = static_cast<int>(std::lround(v.fps * 1000)), fps_den = 1000;
  e.codec->width = width;
  e.codec->height = height;
  e.codec->pix_fmt = AV_PIX_FMT_YUV420P;
  e.codec->time_base = AVRational{fps_den, fps_num};
  e.codec->framerate = AVRational{fps_num, fps_den};
  e.codec->gop_size = 12;
  if (e.format->oformat->flags & AVFMT_GLOBALHEADER) e.codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set_int(e.codec->priv_data, "crf", o.crf, 0);
  if (std::string(codec_name) == "libvpx-vp9") av_opt_set_int(e.codec->priv_data, "b", 0, 0);
  check_av(avcodec_open2(e.codec, codec, nullptr), file, "opening the encoder");
  check_av(avcodec_parameters_from_context(stream->codecpar, e.codec), file, "stream parameters");
  stream->time_base = e.codec->time_base;
  stream->avg_frame_rate = e.codec->framerate;
  if (!v.settings_json.empty())
    av_dict_set(&e.format->metadata, "comment", v.settings_json.c_str(), 0);
  check_av(avio_open(&e.format->pb, tmp.c_str(), AVIO_FLAG_WRITE), file, "opening");
  e.opened_io = true;
  AVDictionary* mux = nullptr;
  if (std::string(container) == "mp4") av_dict_set(&mux, "movflags", "+faststart", 0);
  const int header = avformat_write_header(e.format, &mux);
  av_dict_free(&mux);
  check_av(header, file, "header");

  e.frame = av_frame_alloc();
  e.frame->format = AV_PIX_FMT_YUV420P;
  e.frame->width = width;
  e.frame->height = height;
  check_av(av_frame_get_buffer(e.frame, 0), file, "frame buffer");
  e.packet = av_packet_alloc();
  e.sws = sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUV420P,
                         SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr,
                         nullptr);
  for (int i = 0; i < v.frames; ++i) {
    if (o.cancel && o.cancel->load()) throw Error(ErrorCode::Cancelled, "cancelled");
    check_av(av_frame_make_writable(e.frame), file, "frame");
    const uint8_t* src[1] = {v.frame(i)};
    const int stride[1] = {v.width * 3};
    sws_scale(e.sws, src, stride, 0, height, e.frame->data, e.frame->linesize);
    e.frame->pts = i;
    check_av(avcodec_send_frame(e.codec, e.frame), file, "encoding");
    drain(e, file, stream);
  }
  check_av(avcodec_send_frame(e.codec, nullptr), file, "flushing");
  drain(e, file, stream);
  check_av(av_write_trailer(e.format), file, "trailer");
}

}  // namespace

void encode_video(const std::filesystem::path& file, const Video& v, const EncodeOptions& o) {
  require(v.frames > 0 && v.width >= 2 && v.height >= 2, "cannot export an empty clip");
  require(v.fps > 0 && v.fps <= 240, "fps must be in (0, 240]");
  const std::string ext = file.extension().string();
  const char* container = nullptr;
  const char* codec = nullptr;
  if (ext == ".mp4") {
    container = "mp4";
    codec = "libx264";
    require(o.crf >= 0 && o.crf <= 51, "--crf must be in 0..51 for MP4");
  } else if (ext == ".webm") {
    container = "webm";
    codec = "libvpx-vp9";
    require(o.crf >= 0 && o.crf <= 63, "--crf must be in 0..63 for WebM");
  } else {
    throw Error(ErrorCode::InvalidArgument,
                "unsupported video extension '" + ext + "' (use .mp4 or .webm)");
  }
  av_log_set_level(AV_LOG_ERROR);
  const std::filesystem::path tmp = temporary_path_for(file);
  try {
    encode_to(tmp, file, container, codec, v, o);
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw Error(ErrorCode::Io, "cannot write '" + file.string() + "': " + ec.message());
  }
}

MediaInfo probe_media(const std::filesystem::path& file) {
  av_log_set_level(AV_LOG_QUIET);  // problems are reported through Error
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw Error(ErrorCode::NotFound, "'" + file.string() + "' does not exist");
  AVFormatContext* fmt = nullptr;
  int r = avformat_open_input(&fmt, file.c_str(), nullptr, nullptr);
  if (r < 0)
    throw Error(ErrorCode::BadFile,
                "'" + file.string() + "' is not a readable media file: " + av_error_text(r));
  struct Closer {
    AVFormatContext** f;
    ~Closer() { avformat_close_input(f); }
  } closer{&fmt};
  r = avformat_find_stream_info(fmt, nullptr);
  if (r < 0) throw Error(ErrorCode::BadFile, "'" + file.string() + "': " + av_error_text(r));
  const int index = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0)
    throw Error(ErrorCode::BadFile, "'" + file.string() + "' has no video or image stream");
  AVStream* s = fmt->streams[index];
  MediaInfo info;
  info.format = fmt->iformat->name;
  info.codec = avcodec_get_name(s->codecpar->codec_id);
  const char* pix = av_get_pix_fmt_name(static_cast<AVPixelFormat>(s->codecpar->format));
  info.pixel_format = pix ? pix : "";
  info.width = s->codecpar->width;
  info.height = s->codecpar->height;
  info.fps = s->avg_frame_rate.den ? av_q2d(s->avg_frame_rate) : 0;
  info.duration = fmt->duration > 0 ? fmt->duration / static_cast<double>(AV_TIME_BASE) : 0;
  info.frames = static_cast<int>(s->nb_frames);
  if (info.frames == 0) {
    // Count packets (bounded) when the container does not store the count.
    AVPacket* p = av_packet_alloc();
    while (info.frames < 100000 && av_read_frame(fmt, p) >= 0) {
      info.frames += p->stream_index == index;
      av_packet_unref(p);
    }
    av_packet_free(&p);
  }
  if (const AVDictionaryEntry* c = av_dict_get(fmt->metadata, "comment", nullptr, 0))
    info.settings_json = c->value;
  else if (info.format == "gif")
    info.settings_json = gif_comment(read_file(file));
  else if (info.codec == "png")
    info.settings_json = png_text(read_file(file), "lanterna");
  return info;
}

}  // namespace lanterna
