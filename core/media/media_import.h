// Reading stills and clips through FFmpeg's libraries (no ffmpeg program).
//
// Images: PNG, JPEG, WebP, BMP; 8- or 16-bit, RGB, RGBA, gray. 16-bit
// samples are reduced to 8 bits; alpha is composited over black (so a
// transparent mask image reads as "keep" where it is transparent).
// Video: MP4, WebM, MOV, GIF, and PNG sequences (a folder of .png files in
// name order, as `generate --out DIR/` writes them). Rotation metadata is
// honoured (90/180/270 degrees). Frame rate: resampled to `fps` by taking,
// for every output time, the latest source frame shown at that time.
// Errors: Error(NotFound) for a missing path, Error(BadFile) naming the file
// and the problem for corrupt, truncated, zero-byte, huge or non-media files.
// Decoding work is bounded by `max_frames` and `max_pixels`.
#pragma once

#include "engine/video.h"

#include <filesystem>
#include <string>

namespace lanterna {

struct ImportOptions {
  double fps = 0;                      // output frame rate; 0 = the source's
  int max_frames = 80;                 // stop after this many output frames (1..10000)
  int64_t max_pixels = 4096LL * 4096;  // a larger frame is refused as "too large"
};

// One still image. A video file gives its first frame.
Image read_image(const std::filesystem::path& file);

// A clip. A still image reads as a one-frame clip. Settings embedded by a
// Lanterna export (MP4/WebM comment, GIF comment, PNG tEXt/settings.json)
// are returned in Video::settings_json.
Video read_video(const std::filesystem::path& file, const ImportOptions& options = {});

// Lower-case hex SHA-256 of a file's bytes (for the settings record). A
// folder (PNG sequence) hashes its file names and bytes in name order.
std::string file_sha256(const std::filesystem::path& file);

}  // namespace lanterna
