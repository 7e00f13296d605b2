#include "media/image_io.h"

#include "common/error.h"
#include "io/atomic_file.h"
#include "media/png_text.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>

namespace lanterna {

void write_png(const std::filesystem::path& file, const Image& image,
               const std::string& settings_json) {
  cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.rgb.data()));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  std::vector<uint8_t> bytes;
  if (!cv::imencode(".png", bgr, bytes))
    throw Error(ErrorCode::Internal, "PNG encoding failed for '" + file.string() + "'");
  std::string png(bytes.begin(), bytes.end());
  if (!settings_json.empty()) png = png_with_text(png, "lanterna", settings_json);
  write_file_atomic(file, png);
}

bool is_png_sequence_file(const std::string& name) {
  if (name == "settings.json") return true;
  const std::string prefix = "frame_", suffix = ".png";
  if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  const std::string digits =
      name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void write_png_sequence(const std::filesystem::path& dir, const Video& video) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw Error(ErrorCode::Io, "cannot create folder '" + dir.string() + "': " + ec.message());
  for (int i = 0; i < video.frames; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%04d.png", i);
    write_png(dir / name, video.frame_image(i), video.settings_json);
  }
  if (!video.settings_json.empty())
    write_file_atomic(dir / "settings.json", video.settings_json + "\n");
}

void write_png_folder(const std::filesystem::path& dir, const Video& video) {
  const std::filesystem::path staging = temporary_path_for(dir);
  try {
    write_png_sequence(staging, video);
    replace_directory(staging, dir, is_png_sequence_file);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(staging, ec);
    throw;
  }
}

}  // namespace lanterna
