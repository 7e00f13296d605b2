// Plain media types shared by core, the CLI and the studio (no LibTorch, no Qt).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lanterna {

// An 8-bit RGB image, rows top to bottom, pixels interleaved R, G, B.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgb;  // width * height * 3
  bool empty() const { return width == 0 || height == 0; }
};

// A clip of 8-bit RGB frames, plus the settings that produced it (JSON) so
// exports can embed them.
struct Video {
  int width = 0;
  int height = 0;
  int frames = 0;
  double fps = 8.0;
  std::vector<uint8_t> rgb;  // frames * height * width * 3, frame-major
  std::string settings_json;

  bool empty() const { return frames == 0; }
  size_t frame_bytes() const { return static_cast<size_t>(width) * height * 3; }
  const uint8_t* frame(int i) const { return rgb.data() + frame_bytes() * static_cast<size_t>(i); }
  Image frame_image(int i) const;
};

}  // namespace lanterna
