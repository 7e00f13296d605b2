#include "args.h"
#include "commands.h"

#include "common/error.h"
#include "io/atomic_file.h"
#include "media/video_encode.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace lanterna::cli {

int run_info(const std::vector<std::string>& argv) {
  if (argv.size() == 1 && (argv[0] == "--help" || argv[0] == "-h")) {
    std::puts(
        "usage: lanterna-cli info FILE\n"
        "\n"
        "Prints the codec, size, frame count, frame rate and duration of a video\n"
        "(MP4, WebM, ...) and the Lanterna generation settings embedded in it, or\n"
        "says that it has none. For a PNG-sequence folder, prints its settings.json.");
    return 0;
  }
  require(argv.size() == 1 && argv[0].rfind("--", 0) != 0,
          "usage: lanterna-cli info FILE (see --help)");
  const std::filesystem::path path = argv[0];
  std::string settings;
  if (std::filesystem::is_directory(path)) {
    const auto json = path / "settings.json";
    if (std::filesystem::exists(json)) settings = read_file(json);
    std::printf("folder: %s (PNG sequence)\n", path.c_str());
  } else {
    const MediaInfo m = probe_media(path);
    std::printf(
        "file: %s\nformat: %s\ncodec: %s\npixel format: %s\nsize: %dx%d\nframes: %d\n"
        "fps: %.3f\nduration: %.3f s\n",
        path.c_str(), m.format.c_str(), m.codec.c_str(), m.pixel_format.c_str(), m.width, m.height,
        m.frames, m.fps, m.duration);
    settings = m.settings_json;
  }
  if (settings.empty())
    std::puts("settings: none (not made by Lanterna, or the settings were stripped)");
  else
    std::printf("settings: %s\n", settings.c_str());
  return 0;
}

}  // namespace lanterna::cli
