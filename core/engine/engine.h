// The Lanterna engine: owns the loaded models and turns a GenerationRequest
// into a Video.
//
// Thread-safety: an Engine is not thread-safe; use one from one thread at a
// time (the studio gives it its own worker thread). generate() blocks; the
// caller owns threading. Cancel by setting *callbacks.cancel from any thread:
// the run stops within about one network evaluation and throws
// Error(Cancelled). Errors are lanterna::Error with a code and a message.
#pragma once

#include "engine/request.h"

#include <filesystem>
#include <memory>

namespace lanterna {

struct EngineOptions {
  std::filesystem::path models_dir;  // holds base/, and optionally ssr/, conditional/, styles/
  int threads = 0;                   // 0 = one per core
};

class Engine {
 public:
  explicit Engine(const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Video generate(const GenerationRequest& request, const RunCallbacks& callbacks = {});

  // Words of `prompt` the text encoder does not know (empty if all known).
  std::vector<std::string> unknown_words(const std::string& prompt) const;
  // Short description of the loaded models, for `info`/--verbose.
  std::string describe() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lanterna
