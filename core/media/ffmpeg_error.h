// Turning FFmpeg return codes into lanterna::Error, shared by the encoders.
#pragma once

#include <filesystem>
#include <string>

namespace lanterna {

// FFmpeg's text for an AVERROR code.
std::string av_error_text(int code);
// Throws Error naming `file` and the failed step when `code` < 0: Io for
// disk-full, permission and I/O errors, Internal otherwise.
void check_av(int code, const std::filesystem::path& file, const char* step);

}  // namespace lanterna
