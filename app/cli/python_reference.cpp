#include "python_reference.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace lanterna::cli {
namespace {

namespace fs = std::filesystem;

const char* const kPython = "/usr/bin/python3";

// Runs argv with stdout and stderr into `log`; returns the exit status (-1
// when it did not exit normally).
int run_logged(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int r = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (r != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The number after `prefix` on the line that starts with it; false if none.
bool find_value(const std::string& text, const std::string& prefix, double* value,
                std::string* line_out = nullptr) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    char* end = nullptr;
    const double v = std::strtod(line.c_str() + prefix.size(), &end);
    if (end == line.c_str() + prefix.size()) return false;
    *value = v;
    if (line_out) *line_out = line;
    return true;
  }
  return false;
}

// The end of a process's output, for error messages.
std::string tail(const std::string& text, size_t chars = 2000) {
  return text.size() <= chars ? text : "..." + text.substr(text.size() - chars);
}

}  // namespace

void run_python_reference(const train::TrainStageFigures& cxx,
                          const std::function<void(const std::string&)>& print) {
  const fs::path script = fs::path(LANTERNA_SOURCE_DIR) / "bench" / "train_reference.py";
  if (!fs::exists(kPython)) {
    print(std::string("python reference: skipped (") + kPython + " not found)");
    return;
  }
  if (!fs::exists(script)) {
    print("python reference: skipped (" + script.string() +
          " not found: the reference runs from a build tree of the sources)");
    return;
  }
  const fs::path dir =
      fs::temp_directory_path() / ("lanterna-python-reference-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const double cxx_loss = train::write_reference_inputs(cxx.stage, cxx.tiny, dir);
  const fs::path log = dir / "python.log";
  const int rc =
      run_logged({kPython, script.string(), "--model", (dir / "model").string(), "--check",
                  (dir / "check.safetensors").string(), "--steps", std::to_string(cxx.steps),
                  "--threads", std::to_string(cxx.threads), "--batch",
                  std::to_string(cxx.batch * cxx.frames), "--label", cxx.stage},
                 log);
  std::ifstream in(log);
  const std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (rc == 77) {
    print("python reference: skipped (python3-torch not installed)");
    fs::remove_all(dir);
    return;
  }
  double py_fps = 0, py_loss = 0;
  std::string py_line;
  if (rc != 0 || !find_value(out, "python-reference " + cxx.stage + ": ", &py_fps, &py_line) ||
      !find_value(out, "python-reference loss: ", &py_loss) || py_fps <= 0) {
    print("python reference: failed (exit status " + std::to_string(rc) + "); its output:\n" +
          tail(out));
    fs::remove_all(dir);
    return;
  }
  print(py_line + " [random data of the batch's shapes; rendering not included]");
  char line[256];
  std::snprintf(line, sizeof line,
                "C++/Python %s training throughput ratio: %.2f (C++ %.2f frames/s, Python %.2f "
                "frames/s)",
                cxx.stage.c_str(), cxx.frames_per_second / py_fps, cxx.frames_per_second, py_fps);
  print(line);
  const double diff = std::fabs(cxx_loss - py_loss);
  std::snprintf(line, sizeof line,
                "loss check (same weights, batch and noise): C++ %.7f, Python %.7f, difference "
                "%.1e: %s",
                cxx_loss, py_loss, diff, diff <= 1e-4 ? "equal" : "DIFFERENT");
  print(line);
  fs::remove_all(dir);
}

}  // namespace lanterna::cli
