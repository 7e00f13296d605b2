// Video export through FFmpeg's libraries (no ffmpeg program): MP4 (H.264,
// yuv420p, +faststart) and WebM (VP9), with the generation settings embedded
// as the container's `comment` tag (readable by `ffprobe -show_format` and
// by probe_media()).
#pragma once

#include "engine/video.h"

#include <atomic>
#include <filesystem>
#include <string>

namespace lanterna {

struct EncodeOptions {
  int crf = 18;  // quality: lower is better, 0..51 (H.264) / 0..63 (VP9)
  const std::atomic<bool>* cancel = nullptr;  // checked between frames
};

// Format from the extension (.mp4, .webm). Written to a temporary file in the
// same folder and renamed on success; on failure or cancel the previous file
// at `file` is untouched and no temporary file remains. Odd frame sizes are
// cropped by one pixel to the even size H.264 needs.
void encode_video(const std::filesystem::path& file, const Video& video,
                  const EncodeOptions& options = {});

// Facts about a media file, and the Lanterna settings embedded in it (empty
// when it has none).
struct MediaInfo {
  std::string format;  // container, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string codec;   // e.g. "h264"
  std::string pixel_format;
  int width = 0, height = 0, frames = 0;
  double fps = 0, duration = 0;
  std::string settings_json;
};

// Throws Error(BadFile) naming the file for anything FFmpeg cannot read.
MediaInfo probe_media(const std::filesystem::path& file);

}  // namespace lanterna
