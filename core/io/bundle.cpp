#include "io/bundle.h"

#include "common/error.h"
#include "io/atomic_file.h"

namespace lanterna {

namespace fs = std::filesystem;

TensorMap module_tensors(const torch::nn::Module& module) {
  TensorMap out;
  for (const auto& p : module.named_parameters(true)) out.emplace(p.key(), p.value());
  for (const auto& b : module.named_buffers(true)) out.emplace(b.key(), b.value());
  return out;
}

void load_module_tensors(torch::nn::Module& module, const TensorMap& tensors,
                         const std::string& where) {
  TensorMap expected = module_tensors(module);
  torch::NoGradGuard no_grad;
  for (auto& [name, target] : expected) {
    auto it = tensors.find(name);
    if (it == tensors.end())
      throw Error(ErrorCode::BadFile, where + ": missing tensor '" + name + "'");
    const at::Tensor& src = it->second;
    if (src.sizes() != target.sizes()) {
      std::ostringstream msg;
      msg << where << ": tensor '" << name << "' has shape " << src.sizes() << ", expected "
          << target.sizes();
      throw Error(ErrorCode::BadFile, msg.str());
    }
    if (!at::isFloatingType(src.scalar_type()))
      throw Error(ErrorCode::BadFile, where + ": tensor '" + name + "' must be floating point");
    target.copy_(src.to(target.scalar_type()));
    if (!at::isfinite(target).all().item<bool>())
      throw Error(ErrorCode::BadFile, where + ": tensor '" + name + "' holds NaN or infinity");
  }
  for (const auto& [name, t] : tensors)
    if (!expected.count(name))
      throw Error(ErrorCode::BadFile, where + ": unexpected tensor '" + name + "'");
}

ModelConfig load_bundle_config(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(ErrorCode::NotFound, "model folder '" + dir.string() + "' does not exist");
  const fs::path json_path = dir / "model.json";
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(json_path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::BadFile, "'" + json_path.string() + "' is not valid JSON: " + e.what());
  }
  return model_config_from_json(j, json_path.string());
}

ModelBundle load_bundle(const fs::path& dir) {
  ModelBundle b;
  b.dir = dir;
  b.config = load_bundle_config(dir);
  b.net = UNet(b.config);
  const fs::path weights = dir / b.config.weights_file;
  load_module_tensors(*b.net, read_safetensors(weights), "'" + weights.string() + "'");
  b.net->eval();
  return b;
}

void save_bundle(const fs::path& dir, const ModelConfig& config, const torch::nn::Module& net,
                 at::ScalarType dtype) {
  config.validate("model config");
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  const fs::path staging = temporary_path_for(dir);
  fs::create_directories(staging, ec);
  if (ec) throw Error(ErrorCode::Io, "cannot create '" + staging.string() + "': " + ec.message());
  try {
    TensorMap tensors = module_tensors(net);
    for (auto& [name, t] : tensors) t = t.detach().to(dtype);
    write_safetensors(staging / config.weights_file, tensors, {{"format", "lanterna"}});
    write_file_atomic(staging / "model.json", to_json(config).dump(2) + "\n");
    replace_directory(staging, dir);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(staging, ec);
    throw Error(ErrorCode::Io, "cannot write model bundle '" + dir.string() + "': " + e.what());
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

}  // namespace lanterna
