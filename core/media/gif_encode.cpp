#include "media/gif_encode.h"

#include "common/error.h"
#include "io/atomic_file.h"
#include "media/ffmpeg_error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
}

#include <cmath>
#include <cstdio>

namespace lanterna {
namespace {

struct GifEncoder {
  AVFilterGraph* graph = nullptr;
  AVCodecContext* codec = nullptr;
  AVFormatContext* format = nullptr;
  AVFrame* in = nullptr;
  AVFrame* out = nullptr;
  AVPacket* packet = nullptr;
  AVIOContext* memory = nullptr;
  ~GifEncoder() {
    av_packet_free(&packet);
    av_frame_free(&in);
    av_frame_free(&out);
    avcodec_free_context(&codec);
    if (format) {
      if (format->pb) {
        uint8_t* buffer = nullptr;
        avio_close_dyn_buf(format->pb, &buffer);
        av_free(buffer);
      }
      avformat_free_context(format);
    }
    avfilter_graph_free(&graph);
  }
};

// Encodes into memory (the comment is inserted before the bytes hit the disk).
std::string encode_to_memory(const std::filesystem::path& file, const Video& v,
                             const GifOptions& o) {
  GifEncoder e;
  const int size = o.scale > 0 ? o.scale : v.width;
  e.graph = avfilter_graph_alloc();
  AVFilterContext* src = nullptr;
  AVFilterContext* sink = nullptr;
  char args[256];
  std::snprintf(args, sizeof args, "video_size=%dx%d:pix_fmt=%d:time_base=1/100:pixel_aspect=1/1",
                v.width, v.height, AV_PIX_FMT_RGB24);
  check_av(avfilter_graph_create_filter(&src, avfilter_get_by_name("buffer"), "in", args, nullptr,
                                        e.graph),
           file, "filter source");
  check_av(avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), "out", nullptr,
                                        nullptr, e.graph),
           file, "filter sink");
  // One palette for the whole clip, error-diffusion dithering against it.
  char desc[256];
  std::snprintf(desc, sizeof desc,
                "scale=%d:%d:flags=lanczos,split[a][b];[a]palettegen=stats_mode=full[p];"
                "[b][p]paletteuse=dither=sierra2_4a",
                size, size);
  AVFilterInOut* outputs = avfilter_inout_alloc();
  AVFilterInOut* inputs = avfilter_inout_alloc();
  outputs->name = av_strdup("in");
  outputs->filter_ctx = src;
  inputs->name = av_strdup("out");
  inputs->filter_ctx = sink;
  const int parsed = avfilter_graph_parse_ptr(e.graph, desc, &inputs, &outputs, nullptr);
  avfilter_inout_free(&inputs);
  avfilter_inout_free(&outputs);
  check_av(parsed, file, "filter graph");
  check_av(avfilter_graph_config(e.graph, nullptr), file, "filter graph");

  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
  e.codec = avcodec_alloc_context3(codec);
  e.codec->width = size;
  e.codec->height = size;
  e.codec->pix_fmt = AV_PIX_FMT_PAL8;
  e.codec->time_base = AVRational{1, 100};  // GIF delays are in centiseconds
  check_av(avcodec_open2(e.codec, codec, nullptr), file, "GIF encoder");
  check_av(avformat_alloc_output_context2(&e.format, nullptr, "gif", nullptr), file, "GIF muxer");
  AVStream* stream = avformat_new_stream(e.format, nullptr);
  check_av(avcodec_parameters_from_context(stream->codecpar, e.codec), file, "stream");
  stream->time_base = e.codec->time_base;
  check_av(avio_open_dyn_buf(&e.format->pb), file, "memory buffer");
  AVDictionary* mux = nullptr;
  av_dict_set_int(&mux, "loop", o.loop, 0);
  const int header = avformat_write_header(e.format, &mux);
  av_dict_free(&mux);
  check_av(header, file, "header");

  e.in = av_frame_alloc();
  e.out = av_frame_alloc();
  e.packet = av_packet_alloc();
  auto write_packets = [&] {
    for (;;) {
      const int r = avcodec_receive_packet(e.codec, e.packet);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      check_av(r, file, "encoding");
      av_packet_rescale_ts(e.packet, e.codec->time_base, stream->time_base);
      e.packet->stream_index = 0;
      check_av(av_write_frame(e.format, e.packet), file, "writing");
    }
  };
  auto pull = [&] {
    for (;;) {
      const int r = av_buffersink_get_frame(sink, e.out);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      check_av(r, file, "filtering");
      check_av(avcodec_send_frame(e.codec, e.out), file, "encoding");
      av_frame_unref(e.out);
      write_packets();
    }
  };
  for (int i = 0; i < v.frames; ++i) {
    if (o.cancel && o.cancel->load()) throw Error(ErrorCode::Cancelled, "cancelled");
    e.in->format = AV_PIX_FMT_RGB24;
    e.in->width = v.width;
    e.in->height = v.height;
    check_av(av_frame_get_buffer(e.in, 0), file, "frame");
    for (int y = 0; y < v.height; ++y)
      std::copy(v.frame(i) + static_cast<size_t>(y) * v.width * 3,
                v.frame(i) + static_cast<size_t>(y + 1) * v.width * 3,
                e.in->data[0] + static_cast<size_t>(y) * e.in->linesize[0]);
    e.in->pts = std::lround(i * 100.0 / v.fps);
    check_av(av_buffersrc_add_frame(src, e.in), file, "filtering");
    av_frame_unref(e.in);
    pull();
  }
  check_av(av_buffersrc_add_frame(src, nullptr), file, "flushing");
  pull();
  check_av(avcodec_send_frame(e.codec, nullptr), file, "flushing");
  write_packets();
  check_av(av_write_trailer(e.format), file, "trailer");
  uint8_t* buffer = nullptr;
  const int n = avio_close_dyn_buf(e.format->pb, &buffer);
  e.format->pb = nullptr;
  std::string bytes(reinterpret_cast<const char*>(buffer), static_cast<size_t>(std::max(n, 0)));
  av_free(buffer);
  return bytes;
}

// Offset just past the header, logical screen descriptor and global colour table.
size_t after_global_table(const std::string& gif) {
  if (gif.size() < 13 || gif.compare(0, 3, "GIF") != 0) return std::string::npos;
  const uint8_t packed = static_cast<uint8_t>(gif[10]);
  size_t offset = 13;
  if (packed & 0x80) offset += 3u * (1u << ((packed & 0x07) + 1));
  return offset <= gif.size() ? offset : std::string::npos;
}

}  // namespace

std::string gif_with_comment(const std::string& gif, const std::string& comment) {
  const size_t at = after_global_table(gif);
  if (at == std::string::npos || comment.empty()) return gif;
  std::string block = "\x21\xFE";
  for (size_t i = 0; i < comment.size(); i += 255) {
    const size_t n = std::min<size_t>(255, comment.size() - i);
    block += static_cast<char>(n);
    block += comment.substr(i, n);
  }
  block += '\0';
  return gif.substr(0, at) + block + gif.substr(at);
}

std::string gif_comment(const std::string& gif) {
  size_t at = after_global_table(gif);
  if (at == std::string::npos) return "";
  // Walk extension blocks until the first image descriptor or the trailer.
  while (at + 2 <= gif.size() && static_cast<uint8_t>(gif[at]) == 0x21) {
    const bool comment = static_cast<uint8_t>(gif[at + 1]) == 0xFE;
    std::string text;
    at += 2;
    while (at < gif.size()) {
      const size_t n = static_cast<uint8_t>(gif[at]);
      ++at;
      if (n == 0) break;
      if (at + n > gif.size()) return "";
      if (comment) text += gif.substr(at, n);
      at += n;
    }
    if (comment) return text;
  }
  return "";
}

void encode_gif(const std::filesystem::path& file, const Video& v, const GifOptions& o) {
  require(v.frames > 0 && v.width >= 2 && v.height >= 2, "cannot export an empty clip");
  require(v.fps > 0 && v.fps <= 100, "GIF frame rate must be in (0, 100]");
  require(o.scale == 0 || (o.scale >= 8 && o.scale <= 2048), "GIF scale must be 0 or in 8..2048");
  require(o.loop >= -1 && o.loop <= 65535, "GIF loop must be in -1..65535");
  av_log_set_level(AV_LOG_ERROR);
  const std::string bytes = gif_with_comment(encode_to_memory(file, v, o), v.settings_json);
  write_file_atomic(file, bytes);
}

}  // namespace lanterna
