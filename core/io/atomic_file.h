// Atomic file writes: data goes to a temporary file in the destination folder
// and is renamed over the destination only once it is complete, so a reader
// never sees a half-written file and a failed write leaves the old one intact.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace lanterna {

// Writes `bytes` to `file` atomically. Throws Error(Io) naming the file.
void write_file_atomic(const std::filesystem::path& file, const std::string& bytes);
// Reads a whole file. Throws Error(NotFound) or Error(Io) naming it.
std::string read_file(const std::filesystem::path& file);
// A unique temporary path beside `file` (same folder, so rename is atomic).
std::filesystem::path temporary_path_for(const std::filesystem::path& file);

}  // namespace lanterna

namespace lanterna {

// Names of the entries a folder may hold for replace_directory to replace it.
using OwnedName = std::function<bool(const std::string& name)>;

// Swaps a fully written folder `staging` into place at `dir`: an existing
// `dir` is moved aside first and deleted only after the swap succeeded.
// An existing `dir` that is not a folder (a user's file, a device) is never
// touched; with `owned`, neither is a folder holding anything but plain
// files whose names `owned` accepts (an earlier output of the same kind).
// Both throw Error(InvalidArgument) naming `dir`.
void replace_directory(const std::filesystem::path& staging, const std::filesystem::path& dir,
                       const OwnedName& owned = nullptr);

}  // namespace lanterna
