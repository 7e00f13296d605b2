// Errors raised by the engine. Every error carries a code (what kind of
// problem, so callers can map it to an exit status or a translated message)
// and a human-readable message that names the offending file, field or range.
#pragma once

#include <stdexcept>
#include <string>

namespace lanterna {

enum class ErrorCode {
  InvalidArgument,  // a request field or CLI flag is out of range (usage error)
  BadFile,          // a file exists but is corrupt, truncated or of the wrong kind
  NotFound,         // a file or folder is missing
  Io,               // reading or writing failed (disk full, permissions)
  Cancelled,        // the caller cancelled the run
  Internal,         // a bug or an unexpected library failure
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// Throws Error(InvalidArgument) with `message` unless `condition` holds.
inline void require(bool condition, const std::string& message) {
  if (!condition) throw Error(ErrorCode::InvalidArgument, message);
}

}  // namespace lanterna
