#include "train/checkpoint.h"

#include "common/error.h"
#include "io/atomic_file.h"

#include <torch/serialize.h>

namespace lanterna::train {

namespace fs = std::filesystem;

fs::path checkpoint_dir(const fs::path& work_dir) {
  return work_dir / "checkpoint";
}

void save_checkpoint(const fs::path& work_dir, const CheckpointState& state,
                     const TensorMap& weights, const TensorMap& ema,
                     torch::optim::Optimizer* optimizer) {
  const fs::path dir = checkpoint_dir(work_dir);
  const fs::path staging = temporary_path_for(dir);
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) throw Error(ErrorCode::Io, "cannot create '" + staging.string() + "': " + ec.message());
  try {
    write_safetensors(staging / "weights.safetensors", weights);
    write_safetensors(staging / "ema.safetensors", ema);
    if (optimizer) {
      torch::serialize::OutputArchive archive;
      optimizer->save(archive);
      archive.save_to((staging / "optimizer.pt").string());
    }
    nlohmann::json j = {{"stage", state.stage},     {"step", state.step},
                        {"seconds", state.seconds}, {"recent_loss", state.recent_loss},
                        {"batch", state.batch},     {"model", to_json(state.model)},
                        {"history", state.history}};
    if (!state.device.empty()) j["device"] = state.device;
    if (state.frames > 0) j["frames"] = state.frames;
    if (state.lr > 0) j["lr"] = state.lr;
    if (state.cooldown_steps > 0) j["cooldown_steps"] = state.cooldown_steps;
    if (state.min_snr_gamma >= 0) j["min_snr_gamma"] = state.min_snr_gamma;
    if (state.timestep_shift != 1.0) j["timestep_shift"] = state.timestep_shift;
    if (!state.precision.empty()) j["precision"] = state.precision;
    if (!state.motion_weights.empty()) j["motion_weights"] = state.motion_weights;
    if (state.seed >= 0) j["seed"] = state.seed;
    if (state.contrast_pairs) j["contrast_pairs"] = true;
    if (state.contrast_spinning) j["contrast_spinning"] = true;
    if (state.contrast_weight != 1.0) j["contrast_weight"] = state.contrast_weight;
    if (state.two_object_rate != world::kTwoObjectRate)
      j["two_object_rate"] = state.two_object_rate;
    write_file_atomic(staging / "state.json", j.dump(2) + "\n");
    replace_directory(staging, dir);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

CheckpointState load_checkpoint(const fs::path& work_dir, TensorMap* weights, TensorMap* ema,
                                torch::optim::Optimizer* optimizer, const at::Device& device) {
  const fs::path dir = checkpoint_dir(work_dir);
  const fs::path state_file = dir / "state.json";
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(state_file));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::BadFile, "'" + state_file.string() + "' is not valid JSON: " + e.what());
  }
  CheckpointState s;
  try {
    s.stage = j.at("stage").get<std::string>();
    s.step = j.at("step").get<int64_t>();
    s.seconds = j.value("seconds", 0.0);
    s.recent_loss = j.value("recent_loss", 0.0);
    s.batch = j.value("batch", 0);
    s.frames = j.value("frames", 0);
    s.device = j.value("device", std::string());
    s.lr = j.value("lr", 0.0);
    s.cooldown_steps = j.value("cooldown_steps", int64_t(0));
    s.min_snr_gamma = j.value("min_snr_gamma", -1.0);
    s.timestep_shift = j.value("timestep_shift", 1.0);
    s.precision = j.value("precision", std::string());
    s.motion_weights = j.value("motion_weights", std::string());
    s.two_object_rate = j.value("two_object_rate", world::kTwoObjectRate);
    s.seed = j.value("seed", int64_t(-1));
    s.contrast_pairs = j.value("contrast_pairs", false);
    s.contrast_spinning = j.value("contrast_spinning", false);
    s.contrast_weight = j.value("contrast_weight", 1.0);
    s.history = j.value("history", nlohmann::json::array());
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::BadFile, "'" + state_file.string() + "': " + e.what());
  }
  s.model = model_config_from_json(j.at("model"), state_file.string());
  if (weights) *weights = read_safetensors(dir / "weights.safetensors");
  if (ema) *ema = read_safetensors(dir / "ema.safetensors");
  if (optimizer) {
    torch::serialize::InputArchive archive;
    archive.load_from((dir / "optimizer.pt").string(), device);
    optimizer->load(archive);
  }
  return s;
}

}  // namespace lanterna::train
