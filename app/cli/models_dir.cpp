#include "commands.h"

#include <cstdlib>

#include <unistd.h>

namespace lanterna::cli {

namespace fs = std::filesystem;

std::filesystem::path default_models_dir() {
  if (const char* env = std::getenv("LANTERNA_MODELS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "lanterna" / "models";
    if (fs::exists(installed / "base", ec)) return installed;
  }
  return fs::path(LANTERNA_SOURCE_DIR) / "resources" / "models";
}

}  // namespace lanterna::cli
