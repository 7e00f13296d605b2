// Still-image files (OpenCV codecs). Available unless LANTERNA_TRAINER_ONLY.
#pragma once

#include "engine/video.h"

#include <filesystem>

namespace lanterna {

// Writes PNG atomically, with `settings_json` (if any) in a tEXt chunk
// "lanterna". Throws Error(Io) naming the file.
void write_png(const std::filesystem::path& file, const Image& image,
               const std::string& settings_json = "");

// Writes frame_0000.png ... into `dir` (created if missing), each carrying the
// settings in a tEXt chunk, plus settings.json. Each file is written atomically.
void write_png_sequence(const std::filesystem::path& dir, const Video& video);

// Whether write_png_sequence writes files of this name (frame_NNNN.png,
// settings.json): a folder holding only these may be replaced by a new one.
bool is_png_sequence_file(const std::string& name);

// An export's PNG folder: the sequence is assembled beside `dir` and swapped
// in (replace_directory with is_png_sequence_file), so a failure never
// leaves a half-written folder and nothing else at `dir` is ever replaced.
void write_png_folder(const std::filesystem::path& dir, const Video& video);

}  // namespace lanterna
