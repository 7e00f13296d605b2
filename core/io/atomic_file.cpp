#include "io/atomic_file.h"

#include "common/error.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace lanterna {

std::filesystem::path temporary_path_for(const std::filesystem::path& file) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path tmp = file;
  tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return tmp;
}

void write_file_atomic(const std::filesystem::path& file, const std::string& bytes) {
  const std::filesystem::path tmp = temporary_path_for(file);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    throw Error(ErrorCode::Io, "cannot write '" + file.string() + "': " + std::strerror(errno));
  }
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() &&
                  std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    throw Error(ErrorCode::Io, "cannot write '" + file.string() + "': " + std::strerror(err));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw Error(ErrorCode::Io, "cannot replace '" + file.string() + "': " + ec.message());
  }
}

std::string read_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw Error(ErrorCode::NotFound, "'" + file.string() + "' does not exist");
  if (std::filesystem::is_directory(file, ec))
    throw Error(ErrorCode::BadFile, "'" + file.string() + "' is a folder, not a file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorCode::Io, "cannot read '" + file.string() + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace lanterna

namespace lanterna {

void replace_directory(const std::filesystem::path& staging, const std::filesystem::path& dir,
                       const OwnedName& owned) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path old = temporary_path_for(dir);
  // symlink_status: a link is not followed, and not replaced either.
  const fs::file_status status = fs::symlink_status(dir, ec);
  const bool had_old = fs::exists(status);
  if (had_old && !fs::is_directory(status))
    throw Error(ErrorCode::InvalidArgument,
                "'" + dir.string() + "' exists and is not a folder; not replacing it");
  if (had_old && owned) {
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file(ec) || entry.is_symlink(ec) || !owned(name))
        throw Error(ErrorCode::InvalidArgument,
                    "folder '" + dir.string() + "' holds '" + name +
                        "', which this output does not write; not replacing it (choose a new "
                        "or empty folder)");
    }
  }
  if (had_old) {
    fs::rename(dir, old, ec);
    if (ec) throw Error(ErrorCode::Io, "cannot replace '" + dir.string() + "': " + ec.message());
  }
  fs::rename(staging, dir, ec);
  if (ec) {
    if (had_old) fs::rename(old, dir);
    throw Error(ErrorCode::Io, "cannot write '" + dir.string() + "': " + ec.message());
  }
  if (had_old) fs::remove_all(old, ec);
}

}  // namespace lanterna
