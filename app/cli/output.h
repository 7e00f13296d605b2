// Writing a clip where --out points: a .mp4/.webm/.gif file, a .png still
// (one-frame clips) or a folder DIR/ of PNG frames. Always atomic: a failure
// or cancel leaves the previous output untouched and no partial file.
#pragma once

#include "engine/video.h"

#include <atomic>
#include <filesystem>

namespace lanterna::cli {

// Throws Error(InvalidArgument) for an extension Lanterna cannot write.
void check_output_path(const std::filesystem::path& out, bool allow_png = false);

void write_output(const std::filesystem::path& out, const Video& video, int crf,
                  const std::atomic<bool>* cancel);

}  // namespace lanterna::cli
