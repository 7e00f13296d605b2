// GIF export: one palette per clip (libavfilter palettegen + paletteuse),
// loops forever by default, per-frame delay from the frame rate, optional
// scale, and the generation settings in a GIF comment extension.
#pragma once

#include "engine/video.h"

#include <atomic>
#include <filesystem>
#include <string>

namespace lanterna {

struct GifOptions {
  int loop = 0;   // 0 = forever, -1 = play once, N = repeat N times
  int scale = 0;  // output width/height in pixels (0 = as the clip)
  const std::atomic<bool>* cancel = nullptr;
};

// Atomic like encode_video(): temporary file in the same folder, renamed on success.
void encode_gif(const std::filesystem::path& file, const Video& video,
                const GifOptions& options = {});

// Inserts a comment extension after the header and global colour table of
// GIF bytes, and reads the first one back ("" when there is none).
std::string gif_with_comment(const std::string& gif, const std::string& comment);
std::string gif_comment(const std::string& gif);

}  // namespace lanterna
