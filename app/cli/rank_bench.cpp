#include "rank_bench.h"

#include "common/error.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace lanterna::cli {
namespace {

namespace fs = std::filesystem;

pid_t spawn(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int r = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (r != 0) throw Error(ErrorCode::Internal, "cannot start a training process for the bench");
  return pid;
}

// Seconds of training between the end of step `from` and the last step, from
// rank 0's loss.csv (one line per step).
double step_seconds(const fs::path& csv, int from, int* steps) {
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  double start = -1, end = -1;
  int last = 0;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string step, loss, lr, seconds;
    std::getline(ss, step, ',');
    std::getline(ss, loss, ',');
    std::getline(ss, lr, ',');
    std::getline(ss, seconds, ',');
    last = std::stoi(step);
    if (last == from) start = std::stod(seconds);
    end = std::stod(seconds);
  }
  if (start < 0 || end <= start)
    throw Error(ErrorCode::Internal,
                "the bench's training run wrote no usable '" + csv.string() + "'");
  *steps = last - from;
  return end - start;
}

}  // namespace

void bench_ranks(int ranks, int steps, bool quick,
                 const std::function<void(const std::string&)>& print) {
  require(ranks >= 2 && ranks <= 16, "--ranks must be in 2..16");
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int batch = quick ? 8 : 32;
  const fs::path dir =
      fs::temp_directory_path() / ("lanterna-rank-bench-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const int port = 20000 + static_cast<int>(std::random_device{}() % 20000);
  auto run = [&](int world) {
    const fs::path work = dir / ("ranks" + std::to_string(world));
    std::vector<pid_t> pids;
    for (int rank = 0; rank < world; ++rank) {
      std::vector<std::string> args = {"lanterna-cli", "train",
                                       "--stage",      "t2i",
                                       "--steps",      std::to_string(steps + 1),
                                       "--batch",      std::to_string(batch),
                                       "--log-every",  "1",
                                       "--work-dir",   work.string(),
                                       "--threads",    std::to_string(std::max(1, cores / world))};
      if (quick) args.push_back("--tiny");
      if (world > 1) {
        for (const std::string& a :
             {std::string("--world-size"), std::to_string(world), std::string("--rank"),
              std::to_string(rank), std::string("--master"),
              "127.0.0.1:" + std::to_string(port + world)})
          args.push_back(a);
      }
      pids.push_back(spawn(
          args, dir / ("rank" + std::to_string(rank) + "-of-" + std::to_string(world) + ".log")));
    }
    bool ok = true;
    for (pid_t pid : pids) {
      int status = 0;
      waitpid(pid, &status, 0);
      ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    if (!ok)
      throw Error(ErrorCode::Internal, "a bench training process failed; logs in " + dir.string());
    int measured = 0;
    const double seconds = step_seconds(work / "loss.csv", 1, &measured);
    return measured * batch / seconds;
  };
  const double one = run(1);
  const double many = run(ranks);
  char line[256];
  std::snprintf(line, sizeof line,
                "data-parallel t2i (batch %d, %d steps after warm-up, %d cores): 1 rank x %d "
                "threads %.1f samples/s, %d ranks x %d threads %.1f samples/s, ratio %.2f",
                batch, steps, cores, cores, one, ranks, std::max(1, cores / ranks), many,
                many / one);
  print(line);
  fs::remove_all(dir);
}

}  // namespace lanterna::cli
