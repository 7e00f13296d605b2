#include "commands.h"

#include "common/error.h"

namespace lanterna::cli {

int run_bench(const std::vector<std::string>&) {
  throw Error(ErrorCode::InvalidArgument, "bench is not available yet");
}

}  // namespace lanterna::cli
