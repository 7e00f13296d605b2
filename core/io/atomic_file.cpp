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

void replace_directory(const std::filesystem::path& staging, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path old = temporary_path_for(dir);
  const bool had_old = fs::exists(dir, ec);
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
