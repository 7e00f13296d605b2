#include "train/trainer.h"

#include "common/error.h"
#include "common/threads.h"
#include "diffusion/schedule.h"
#include "io/atomic_file.h"
#include "io/bundle.h"
#include "model/inflate.h"
#include "model/presets.h"
#include "train/batch_source.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "train/distributed.h"
#include "train/loss.h"
#include "train/step.h"

#include <ATen/Context.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>

namespace lanterna::train {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path default_work_dir(const std::string& stage) {
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".cache" / "lanterna" / "train" / stage;
}

namespace {

StageSpec resolve_stage(const TrainOptions& o) {
  StageSpec spec = stage_spec(o.stage);
  if (o.tiny) spec = tiny_stage(spec);
  if (o.batch > 0) spec.batch = o.batch;
  if (o.lr > 0) spec.lr = o.lr;
  require(spec.batch >= 1 && spec.batch <= 4096, "--batch must be in 1..4096");
  require(spec.lr > 0 && spec.lr < 1, "--lr must be in (0, 1)");
  if (o.min_snr_gamma >= 0) spec.min_snr_gamma = o.min_snr_gamma;
  require(o.min_snr_gamma == -1 || o.min_snr_gamma >= 0, "--min-snr must be >= 0");
  require(o.timestep_shift == -1 || (o.timestep_shift >= 1 && o.timestep_shift <= 100),
          "--timestep-shift must be in 1..100");
  require(o.frame_noise_share == -1 || (o.frame_noise_share >= 0 && o.frame_noise_share < 1),
          "--noise-share must be in [0, 1)");
  require(o.two_object_rate == -1 || (o.two_object_rate >= 0 && o.two_object_rate <= 1),
          "--two-object-rate must be in [0, 1]");
  require(!o.from_scratch || (o.init_dir.empty() && o.init_bundle.empty()),
          "--from-scratch starts from random weights: drop --init-dir and --init-bundle");
  require(o.frames >= 0, "--frames must be >= 1");
  require(o.micro_batch >= 0 && o.micro_batch <= 4096,
          "--micro-batch must be in 0..4096 (0: the whole batch in one pass)");
  // Fails here, before any checkpoint is read, on an unknown motion.
  (void)world::parse_motion_weights(o.motion_weights);
  return spec;
}

TensorMap clone_map(const TensorMap& m) {
  TensorMap out;
  for (const auto& [k, v] : m) out.emplace(k, v.detach().clone());
  return out;
}

// The conditional model starts from the base model: its input convolution
// gains the <C, M> channels with zero weights, so it starts as the base model.
void widen_input_conv(TensorMap* from, const TensorMap& target) {
  at::Tensor& w = (*from)["conv_in.weight"];
  const at::Tensor& t = target.at("conv_in.weight");
  if (w.size(1) >= t.size(1)) return;
  at::Tensor wide = at::zeros(t.sizes());
  wide.narrow(1, 0, w.size(1)).copy_(w);
  w = wide;
}

// A finished stage as its provenance records it. The device says what the
// seconds were spent on (a GPU second is worth hundreds of CPU seconds here).
nlohmann::json stage_summary(const CheckpointState& s) {
  nlohmann::json j = {{"stage", s.stage},
                      {"steps", s.step},
                      {"batch", s.batch},
                      {"seconds", s.seconds},
                      {"loss", s.recent_loss}};
  if (!s.device.empty()) j["device"] = s.device;
  if (s.frames > 0) j["frames"] = s.frames;
  if (s.lr > 0) j["lr"] = s.lr;
  if (s.cooldown_steps > 0) j["cooldown_steps"] = s.cooldown_steps;
  if (s.min_snr_gamma >= 0) j["min_snr_gamma"] = s.min_snr_gamma;
  if (s.timestep_shift != 1.0) j["timestep_shift"] = s.timestep_shift;
  if (!s.precision.empty()) j["precision"] = s.precision;
  if (!s.motion_weights.empty()) j["motion_weights"] = s.motion_weights;
  if (s.two_object_rate != world::kTwoObjectRate) j["two_object_rate"] = s.two_object_rate;
  if (s.seed >= 0) j["seed"] = s.seed;
  if (s.contrast_pairs) j["contrast_pairs"] = true;
  if (s.contrast_spinning) j["contrast_spinning"] = true;
  if (s.contrast_weight != 1.0) j["contrast_weight"] = s.contrast_weight;
  return j;
}

// Starts a stage from the EMA weights of the stage it follows (inflating a 2D
// network into the STUNet when needed).
void init_from_stage(UNet& net, const StageSpec& spec, const fs::path& init_dir,
                     nlohmann::json* history) {
  TensorMap ema;
  const CheckpointState prev = load_checkpoint(init_dir, nullptr, &ema, nullptr);
  UNet src(prev.model);
  load_module_tensors(*src, ema, "'" + checkpoint_dir(init_dir).string() + "'");
  if (!prev.model.unet.temporal && spec.model.unet.temporal) src = inflate(*src, spec.model);
  TensorMap from = module_tensors(*src);
  widen_input_conv(&from, module_tensors(*net));
  load_module_tensors(*net, from, "stage " + prev.stage);
  *history = prev.history;
  history->push_back(stage_summary(prev));
}

// Warm start from a bundle: its tensors that this network has (a shipped
// STUNet bundle starts the 2D stage from its spatial weights).
void init_from_bundle(UNet& net, const fs::path& dir, nlohmann::json* history) {
  const ModelBundle bundle = load_bundle(dir);
  TensorMap mine = module_tensors(*net);
  TensorMap theirs = module_tensors(*bundle.net);
  widen_input_conv(&theirs, mine);  // base bundle -> conditional stage
  int copied = 0;
  for (const auto& [name, t] : theirs) {
    auto it = mine.find(name);
    if (it == mine.end()) continue;
    require(it->second.sizes() == t.sizes(),
            "'" + dir.string() + "': tensor '" + name + "' does not fit this stage's network");
    it->second = t;
    ++copied;
  }
  require(copied > 0, "'" + dir.string() + "' shares no tensors with this stage's network");
  load_module_tensors(*net, mine, "'" + dir.string() + "'");
  if (bundle.config.provenance.contains("stages")) *history = bundle.config.provenance["stages"];
}

// Training seconds of the stages a run continues (its provenance history).
double history_seconds(const nlohmann::json& history) {
  double total = 0;
  for (const auto& stage : history)
    if (stage.contains("seconds")) total += stage["seconds"].get<double>();
  return total;
}

// Writes a stage's weights (the EMA, or the raw weights when `raw`) as an
// fp16 bundle named after the model the stage ships as, whose provenance
// records the stages (inflated to a STUNet when the stage trains the 2D
// network). `source` names where the weights come from in error messages.
void save_weights_bundle(const CheckpointState& s, const TensorMap& weights,
                         const std::string& source, const fs::path& bundle_dir, bool raw = false) {
  UNet net(s.model);
  load_module_tensors(*net, weights, source);
  ModelConfig config = s.model;
  if (!config.unet.temporal) {
    // The 2D network ships inflated: its temporal layers start as the
    // identity, so it generates each frame as the 2D network would.
    config.unet.temporal = true;
    net = inflate(*net, config);
  }
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  nlohmann::json stages = s.history;
  stages.push_back(stage_summary(s));
  // The name the studio shows: the shipped bundle's (base, conditional, ssr,
  // neon...), whatever folder this export is written to.
  config.name = fs::path(stage_spec(s.stage).exports_as).filename().string();
  config.provenance = {
      {"data", "Lanterna procedural world v1 (shared/WORLD.md), rendered on the fly"},
      {"trainer", "lanterna-cli train"},
      {"stages", stages},
      {"steps", s.step},
      {"final_loss", s.recent_loss},
      {"date", date}};
  // Raw weights are exported only to compare them with the EMA; recorded
  // so such a bundle is never mistaken for a shipped (EMA) one.
  if (raw) config.provenance["weights"] = "raw, not the EMA";
  save_bundle(bundle_dir, config, *net, at::kHalf);
}

void move_to(Batch* b, const at::Device& device) {
  b->x0 = b->x0.to(device);
  b->ids = b->ids.to(device);
  if (b->cond.defined()) b->cond = b->cond.to(device);
}

// Frames per clip: the option, else a resumed run's, else the stage's; the
// 2D stages train on single frames and record none.
void settle_frames(const TrainOptions& o, bool resuming, CheckpointState* state, StageSpec* spec) {
  if (spec->data == DataKind::Frames) {
    require(o.frames <= 0, "--frames needs a space-time stage: stage '" + spec->name +
                               "' trains on single frames");
    state->frames = 0;
    return;
  }
  if (o.frames > 0)
    state->frames = o.frames;
  else if (!resuming || state->frames <= 0)
    state->frames = spec->frames;
  const int factor = state->model.unet.temporal_factor(), longest = state->model.max_frames;
  require(state->frames % factor == 0 && state->frames >= factor && state->frames <= longest,
          "--frames must be a multiple of " + std::to_string(factor) + " in " +
              std::to_string(factor) + ".." + std::to_string(longest) + " for stage '" +
              spec->name + "' (got " + std::to_string(state->frames) + ")");
  spec->frames = state->frames;
}

// The run's settings, all recorded in `state`: an option given wins; a
// resumed run keeps its checkpoint's batch, rate, loss weighting, seed,
// cooldown, data mix and frame noise otherwise, so `--resume` alone
// continues the same run; a new run takes the stage's. Checkpoints written
// before a setting was recorded hold 0 / -1 / "" there: the stage's.
void settle_run_settings(const TrainOptions& o, bool resuming, CheckpointState* state,
                         StageSpec* spec) {
  if (resuming) {
    if (o.batch <= 0 && state->batch > 0) spec->batch = state->batch;
    if (o.lr <= 0 && state->lr > 0) spec->lr = state->lr;
    if (o.min_snr_gamma < 0 && state->min_snr_gamma >= 0)
      spec->min_snr_gamma = state->min_snr_gamma;
  }
  state->batch = spec->batch;
  settle_frames(o, resuming, state, spec);
  state->lr = spec->lr;
  state->min_snr_gamma = spec->min_snr_gamma;
  if (o.timestep_shift > 0 || !resuming)
    state->timestep_shift = o.timestep_shift > 0 ? o.timestep_shift : spec->timestep_shift;
  state->seed = o.seed >= 0 ? o.seed : (resuming && state->seed >= 0 ? state->seed : 1);
  if (o.cooldown_steps >= 0 || !resuming)
    state->cooldown_steps = std::max<int64_t>(o.cooldown_steps, 0);
  require(state->cooldown_steps <= o.steps,
          "--cooldown must be in 0..--steps (" + std::to_string(o.steps) + ")");
  if (!o.motion_weights.empty() || !resuming)
    state->motion_weights =
        world::format_motion_weights(world::parse_motion_weights(o.motion_weights));
  if (o.two_object_rate >= 0 || !resuming)
    state->two_object_rate = o.two_object_rate >= 0 ? o.two_object_rate : world::kTwoObjectRate;
  spec->scene.motion_weights = world::parse_motion_weights(state->motion_weights);
  spec->scene.two_object_rate = state->two_object_rate;
  if (o.contrast_pairs || !resuming) state->contrast_pairs = o.contrast_pairs;
  if (state->contrast_pairs) {
    require(state->model.unet.temporal, "--contrast-pairs needs a space-time stage: stage '" +
                                            spec->name +
                                            "' trains the 2D network on single frames");
    require(spec->batch % 2 == 0,
            "--contrast-pairs needs an even --batch (it is " + std::to_string(spec->batch) + ")");
  }
  spec->contrast_pairs = state->contrast_pairs;
  if (o.contrast_spinning || !resuming) state->contrast_spinning = o.contrast_spinning;
  require(!state->contrast_spinning || state->contrast_pairs,
          "--contrast-spinning needs --contrast-pairs");
  spec->contrast_spinning = state->contrast_spinning;
  if (o.contrast_weight >= 0 || !resuming)
    state->contrast_weight = o.contrast_weight >= 0 ? o.contrast_weight : 1.0;
  require(state->contrast_weight >= 1.0 && state->contrast_weight <= 1000.0,
          "--contrast-weight must be in 1..1000");
  require(state->contrast_weight == 1.0 || state->contrast_pairs,
          "--contrast-weight needs --contrast-pairs");
  require(state->contrast_weight == 1.0 || o.micro_batch % 2 == 0,
          "--contrast-weight needs an even --micro-batch (each pass must hold whole pairs; it "
          "is " +
              std::to_string(o.micro_batch) + ")");
  if (o.frame_noise_share >= 0) state->model.schedule.frame_noise_share = o.frame_noise_share;
  if (o.frame_embedding) {
    require(state->model.unet.temporal, "--frame-embedding needs a space-time stage: stage '" +
                                            spec->name + "' trains the 2D network");
    require(!resuming || state->model.unet.frame_embedding,
            "the checkpoint's network has no frame embedding: start a new run (e.g. "
            "--init-bundle the exported weights) to add one");
    state->model.unet.frame_embedding = true;
  }
  // A space-time run from a bundle that has a frame embedding keeps it:
  // otherwise the bundle's trained layer would be dropped without a word
  // (the 2D stages have no frames, so theirs is dropped).
  if (!resuming && !o.init_bundle.empty() && state->model.unet.temporal &&
      load_bundle_config(o.init_bundle).unet.frame_embedding)
    state->model.unet.frame_embedding = true;
}

void set_channels_last(torch::nn::Module& net) {
  torch::NoGradGuard no_grad;
  for (auto& p : net.parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

}  // namespace

void run_training(const TrainOptions& o, const std::function<void(const StepReport&)>& on_step,
                  const std::atomic<bool>* stop) {
  init_threads(o.threads);
  StageSpec spec = resolve_stage(o);
  require(!o.work_dir.empty(), "training needs a work folder");
  require(o.steps >= 0, "--steps must be >= 0");
  const fs::path ckpt = checkpoint_dir(o.work_dir);
  const bool have_ckpt = fs::exists(ckpt / "state.json");
  require(o.resume || !have_ckpt, "'" + o.work_dir.string() +
                                      "' already holds a checkpoint: pass --resume to continue it "
                                      "or choose another --work-dir");
  const bool resuming = o.resume && have_ckpt;

  CheckpointState state;
  TensorMap weights;
  TensorMap ema;
  if (resuming) {
    state = load_checkpoint(o.work_dir, &weights, &ema, nullptr);
    require(state.stage == spec.name, "checkpoint in '" + o.work_dir.string() + "' is stage '" +
                                          state.stage + "', not '" + spec.name + "'");
  } else {
    state.stage = spec.name;
    state.model = spec.model;
  }
  settle_run_settings(o, resuming, &state, &spec);
  const uint64_t seed = static_cast<uint64_t>(state.seed);

  // Initial weights come from the global generator: seed it so a run is
  // reproducible from its options alone.
  at::manual_seed(seed);
  UNet net(state.model);
  if (resuming) {
    load_module_tensors(*net, weights, "'" + ckpt.string() + "'");
    weights.clear();
  } else if (!o.init_bundle.empty()) {
    init_from_bundle(net, o.init_bundle, &state.history);
    ema = clone_map(module_tensors(*net));
  } else if (!spec.init_from.empty() && !o.from_scratch) {
    const fs::path init_dir =
        o.init_dir.empty() ? o.work_dir.parent_path() / spec.init_from : o.init_dir;
    init_from_stage(net, spec, init_dir, &state.history);
    ema = clone_map(module_tensors(*net));
  } else {
    ema = clone_map(module_tensors(*net));
  }
  const DeviceChoice device_choice =
      resolve_device(o.device, o.local_rank >= 0 ? o.local_rank : o.rank);
  const at::Device device =
      device_choice.cuda ? at::Device(at::kCUDA, device_choice.index) : at::Device(at::kCPU);
  state.device = device_choice.name;
  state.precision = o.bf16 ? "bf16" : "fp32";
  net->to(device);  // moves the parameters in place
  for (auto& [name, e] : ema) e = e.to(device);
  // Data parallelism: every rank starts from rank 0's weights and trains on
  // its slice of the global batch.
  std::unique_ptr<Communicator> comm;
  const int world = o.world_size;
  require(world >= 1 && o.rank >= 0 && o.rank < world,
          "--rank must be in 0.." + std::to_string(world - 1));
  require(spec.batch % world == 0, "the batch (" + std::to_string(spec.batch) +
                                       ") must divide evenly over " + std::to_string(world) +
                                       " ranks");
  if (world > 1) {
    DistributedOptions d;
    d.world_size = world;
    d.rank = o.rank;
    d.master_addr = o.master_addr;
    d.master_port = o.master_port;
    d.timeout_seconds = o.distributed_timeout;
    d.cuda_device = device_choice.index;
    comm = std::make_unique<Communicator>(d);
    torch::NoGradGuard no_grad;
    std::vector<at::Tensor> shared;
    for (auto& p : net->parameters()) shared.push_back(p.detach());
    for (auto& [name, e] : ema) shared.push_back(e);
    comm->broadcast(shared);
  }
  const bool writer = o.rank == 0;
  const int local_batch = spec.batch / world;
  if (spec.freeze_spatial) freeze_spatial(*net, true);
  if (o.channels_last) set_channels_last(*net);
  net->train();

  std::vector<at::Tensor> trainable;
  for (auto& p : net->parameters())
    if (p.requires_grad()) trainable.push_back(p);
  torch::optim::AdamW optimizer(trainable, torch::optim::AdamWOptions(spec.lr).weight_decay(0.01));
  if (resuming) load_checkpoint(o.work_dir, nullptr, nullptr, &optimizer, device);

  fs::create_directories(o.work_dir);
  std::ofstream csv;
  if (writer) {
    csv.open(o.work_dir / "loss.csv", std::ios::app);
    if (state.step == 0) csv << "step,loss,lr,seconds\n";
  }

  const Schedule schedule(state.model.schedule);
  LossOptions loss_options;
  loss_options.min_snr_gamma = spec.min_snr_gamma;
  loss_options.timestep_shift = state.timestep_shift;
  loss_options.contrast_pairs = state.contrast_pairs;
  loss_options.contrast_weight = state.contrast_weight;
  loss_options.bf16 = o.bf16;
  loss_options.channels_last = o.channels_last;
  TensorMap params = module_tensors(*net);

  // Beside a GPU the CPU cores are free to render: one worker keeps a CPU
  // step fed, a GPU step needs several.
  const int hardware = static_cast<int>(std::thread::hardware_concurrency());
  const int workers = device_choice.cuda ? std::clamp(hardware - 2, 1, 12) : 1;
  if (device_choice.cuda) at::globalContext().setBenchmarkCuDNN(true);  // fixed shapes
  BatchSource source(spec, seed, state.step + 1, local_batch, o.rank * local_batch, spec.batch,
                     std::max(3, 2 * workers), workers);
  auto last_ckpt = Clock::now();
  double loss_sum = 0;
  int loss_count = 0;
  auto checkpoint = [&] {
    if (loss_count) state.recent_loss = loss_sum / loss_count;
    if (writer) save_checkpoint(o.work_dir, state, params, ema, &optimizer);
    last_ckpt = Clock::now();
  };

  // Snapshots fall on multiples of snapshot_seconds of the whole chain's
  // training time; a resumed run continues with the next multiple.
  const double earlier_seconds = history_seconds(state.history);
  auto snapshots_done = [&] {
    return o.snapshot_seconds > 0
               ? std::floor((earlier_seconds + state.seconds) / o.snapshot_seconds)
               : 0.0;
  };
  double snapshots_written = snapshots_done();
  auto snapshot = [&] {
    if (loss_count) state.recent_loss = loss_sum / loss_count;
    char name[64];
    std::snprintf(name, sizeof name, "cpu-min-%04ld-step-%06lld",
                  std::lround((earlier_seconds + state.seconds) / 60),
                  static_cast<long long>(state.step));
    save_weights_bundle(state, ema, "stage " + state.stage + " EMA weights",
                        o.work_dir / "snapshots" / name / spec.exports_as);
  };

  bool stopping = false;
  while (state.step < o.steps && !stopping) {
    if (!comm && stop && stop->load()) break;
    const auto t0 = Clock::now();
    double waited = 0;
    Batch batch = source.next(&waited);
    if (device_choice.cuda) move_to(&batch, device);
    const int64_t step = state.step + 1;
    const double lr =
        learning_rate_at(spec.lr, spec.warmup_steps, step, o.steps, state.cooldown_steps);
    for (auto& group : optimizer.param_groups())
      static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    optimizer.zero_grad();
    // Noise and timesteps are a function of (seed, step) too.
    double loss_value =
        accumulate_gradients(*net, schedule, batch, seed * 1000003ull + static_cast<uint64_t>(step),
                             o.micro_batch, loss_options);
    // The ranks agree on the loss to log and on stopping (a stop on any rank
    // stops all after this step), then average their gradients.
    stopping = stop && stop->load();
    if (comm) {
      at::Tensor control = at::tensor({loss_value, stopping ? 1.0 : 0.0}, at::kDouble);
      comm->sum(control);
      loss_value = control[0].item<double>() / world;
      stopping = control[1].item<double>() > 0;
      comm->average_gradients(trainable);
    }
    torch::nn::utils::clip_grad_norm_(trainable, 1.0);
    optimizer.step();
    {
      torch::NoGradGuard no_grad;
      const double decay = std::min(o.ema_decay, (1.0 + step) / (10.0 + step));
      for (auto& [name, e] : ema) e.mul_(decay).add_(params.at(name).detach(), 1.0 - decay);
    }

    state.step = step;
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    state.seconds += seconds;
    loss_sum += loss_value;
    ++loss_count;
    if (writer && step % o.log_every == 0) {
      csv << step << "," << loss_sum / loss_count << "," << lr << "," << state.seconds << "\n";
      csv.flush();
      state.recent_loss = loss_sum / loss_count;
      loss_sum = 0;
      loss_count = 0;
    }
    if (on_step) {
      StepReport r;
      r.step = step;
      r.loss = loss_value;
      r.lr = lr;
      r.seconds = seconds;
      r.data_wait = waited;
      r.samples_per_second = static_cast<double>(batch.x0.size(0)) * world / seconds;
      on_step(r);
    }
    if (std::chrono::duration<double>(Clock::now() - last_ckpt).count() >= o.checkpoint_seconds)
      checkpoint();
    if (const double done = snapshots_done(); done > snapshots_written) {
      snapshots_written = done;
      if (writer) snapshot();
    }
  }
  checkpoint();
}

void export_stage(const fs::path& work_dir, const fs::path& bundle_dir, bool raw) {
  TensorMap weights;
  const CheckpointState s = raw ? load_checkpoint(work_dir, &weights, nullptr, nullptr)
                                : load_checkpoint(work_dir, nullptr, &weights, nullptr);
  save_weights_bundle(s, weights, "'" + checkpoint_dir(work_dir).string() + "'", bundle_dir, raw);
}

}  // namespace lanterna::train
