// lanterna-cli subcommands. Each returns the process exit status:
// 0 success, 1 runtime failure, 2 usage error (thrown as Error(InvalidArgument)).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lanterna::cli {

int run_generate(const std::vector<std::string>& args);
int run_bench(const std::vector<std::string>& args);
int run_train(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);
int run_info(const std::vector<std::string>& args);
int run_world(const std::vector<std::string>& args);

// The default models folder: $LANTERNA_MODELS, else the installed share
// folder, else resources/models of the source tree.
std::filesystem::path default_models_dir();

}  // namespace lanterna::cli
