// Model bundles: a folder with model.json (architecture, vocabulary, noise
// schedule, provenance) and the weights as .safetensors. Loading validates
// every tensor's name, shape and dtype against the architecture.
#pragma once

#include "model/unet.h"
#include "io/safetensors.h"

#include <filesystem>

namespace lanterna {

struct ModelBundle {
  std::filesystem::path dir;
  ModelConfig config;
  UNet net{nullptr};
};

// Throws Error(NotFound / BadFile) naming the folder, file, field or tensor.
ModelBundle load_bundle(const std::filesystem::path& dir);
ModelConfig load_bundle_config(const std::filesystem::path& dir);

// All parameters and buffers of a module by their dotted names.
TensorMap module_tensors(const torch::nn::Module& module);
// Copies `tensors` into `module`: every tensor of the module must be present
// with the same shape; unexpected names are an error. `where` names the source.
void load_module_tensors(torch::nn::Module& module, const TensorMap& tensors,
                         const std::string& where);

// Writes the bundle atomically: a new folder is assembled beside `dir` and
// swapped in, so an existing bundle at `dir` stays intact on failure.
// `dtype` is at::kHalf (shipping) or at::kFloat.
void save_bundle(const std::filesystem::path& dir, const ModelConfig& config,
                 const torch::nn::Module& net, at::ScalarType dtype = at::kHalf);

}  // namespace lanterna
