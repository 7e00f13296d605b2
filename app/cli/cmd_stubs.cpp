#include "commands.h"

#include "common/error.h"

namespace lanterna::cli {

int run_eval(const std::vector<std::string>&) {
  throw Error(ErrorCode::InvalidArgument, "eval is not available yet");
}
int run_bench(const std::vector<std::string>&) {
  throw Error(ErrorCode::InvalidArgument, "bench is not available yet");
}

}  // namespace lanterna::cli
