// lanterna-cli: generate clips, inspect files, train, evaluate and benchmark.
#include "commands.h"

#include "common/error.h"

#include <cstdio>
#include <cstring>
#include <iostream>

namespace {

const char* kUsage =
    "usage: lanterna-cli COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  generate   generate a clip from a prompt (lanterna-cli generate --help)\n"
    "  info       print a video's facts and the generation settings embedded in it\n"
    "  train      train a model stage on the procedural world\n"
    "  eval       judge a model's generations against their captions\n"
    "  bench      print speed figures of this machine and the engine\n"
    "  world      render a clip of the procedural world with its caption\n"
    "\n"
    "exit status: 0 success, 1 runtime failure, 2 usage error, 130 cancelled\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace lanterna;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "bench") return cli::run_bench(args);
    if (command == "train") return cli::run_train(args);
    if (command == "eval") return cli::run_eval(args);
#ifdef LANTERNA_HAVE_MEDIA
    if (command == "generate") return cli::run_generate(args);
    if (command == "info") return cli::run_info(args);
    if (command == "world") return cli::run_world(args);
#else
    // The trainer-only build (LANTERNA_TRAINER_ONLY) has no video I/O.
    if (command == "generate" || command == "info" || command == "world") {
      std::cerr << "lanterna-cli " << command
                << ": not in this build (trainer only, no video I/O); use the full build\n";
      return 2;
    }
#endif
    std::cerr << "lanterna-cli: unknown command '" << command << "'\n" << kUsage;
    return 2;
  } catch (const Error& e) {
    std::cerr << "lanterna-cli " << command << ": error: " << e.what() << "\n";
    if (e.code() == ErrorCode::InvalidArgument) return 2;
    if (e.code() == ErrorCode::Cancelled) return 130;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "lanterna-cli " << command << ": error: " << e.what() << "\n";
    return 1;
  }
}
