#include "media/ffmpeg_error.h"

#include "common/error.h"

extern "C" {
#include <libavutil/error.h>
}

#include <cerrno>

namespace lanterna {

std::string av_error_text(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

void check_av(int code, const std::filesystem::path& file, const char* step) {
  if (code >= 0) return;
  const bool io = code == AVERROR(ENOSPC) || code == AVERROR(EACCES) || code == AVERROR(EIO) ||
                  code == AVERROR(ENOENT) || code == AVERROR(EROFS);
  throw Error(io ? ErrorCode::Io : ErrorCode::Internal,
              "cannot write '" + file.string() + "': " + step + ": " + av_error_text(code));
}

}  // namespace lanterna
