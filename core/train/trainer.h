// The trainer behind `lanterna-cli train`. Plain types only in this header.
//
// A run trains one stage, logs loss.csv (step, loss, lr, seconds) and writes a
// checkpoint folder (fp32 weights, EMA weights, optimizer state, state.json)
// every `checkpoint_seconds`, atomically. `resume` continues from the last
// checkpoint with the checkpoint's batch, clip length, rate, loss weighting,
// cooldown, data mix and seed unless options override them; since data and noise are
// functions of (seed, step), `--resume` alone takes the same steps an
// uninterrupted run would.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace lanterna::train {

struct TrainOptions {
  std::string stage = "t2i";
  std::filesystem::path work_dir;  // checkpoints and logs of this stage
  std::filesystem::path init_dir;  // work dir of the stage to start from ("" = sibling)
  // Start from a model bundle instead (e.g. the shipped fp16 weights on a new
  // machine): every tensor of this stage's network that the bundle has.
  std::filesystem::path init_bundle;
  // Start from random weights even where the stage continues another (the
  // naive baseline of the learning-efficiency table: --stage joint trains
  // text-to-video from scratch). Excludes init_dir and init_bundle.
  bool from_scratch = false;
  int64_t steps = 1000;  // train until this global step
  int batch = 0;         // 0 = the stage's default, or the resumed checkpoint's
  // Frames per training clip (or SSR window) of a space-time stage, a
  // multiple of the network's temporal factor up to its longest clip; below
  // the model's shortest clip (16 for the base), windows of such clips (a
  // clip-length curriculum's short phase). 0 = the stage's, or the resumed
  // checkpoint's.
  int frames = 0;
  double lr = 0;  // 0 = the stage's default, or the resumed checkpoint's
  // Run each (rank's) batch as forward/backward passes of at most this many
  // samples whose gradients accumulate (train/step.h); the same step, less
  // memory, and on a CPU a working set that fits the cache. 0 = one pass.
  int micro_batch = 0;
  // The last `cooldown_steps` steps up to `steps` decay the learning rate
  // linearly towards 0 (learning_rate_at); 0 = constant after the warm-up,
  // -1 = 0, or the resumed checkpoint's.
  int64_t cooldown_steps = -1;
  double ema_decay = 0.999;
  // min-SNR loss weighting; 0 disables, -1 = the stage's or the resumed
  // checkpoint's.
  double min_snr_gamma = -1;
  // Timestep sampling shift (LossOptions::timestep_shift), >= 1; -1 = the
  // stage's, or the resumed checkpoint's.
  double timestep_shift = -1;
  // Give the network each frame's place in the clip (unet.frame_embedding):
  // a new run's network gains the zero-initialised layer; a resumed one must
  // have it already.
  bool frame_embedding = false;
  // Share of the noise variance common to a clip's frames (ScheduleConfig::
  // frame_noise_share), recorded in the model; -1 = the stage's or the
  // resumed checkpoint's.
  double frame_noise_share = -1;
  // Data mix, for a curriculum (world::SceneOptions): motion weights as
  // world::parse_motion_weights reads them ("spinning=3,left=2"; "uniform"
  // resets them) and the share of two-object scenes in [0, 1]. "" and -1 =
  // WORLD.md's distribution, or the resumed checkpoint's mix.
  std::string motion_weights;
  double two_object_rate = -1;
  // Contrast pairs (StageSpec::contrast_pairs); false = off, or the resumed
  // checkpoint's.
  bool contrast_pairs = false;
  // StageSpec::contrast_spinning (needs contrast pairs); false = off, or the
  // resumed checkpoint's.
  bool contrast_spinning = false;
  // LossOptions::contrast_weight, in [1, 1000] (needs contrast pairs); -1 =
  // 1, or the resumed checkpoint's.
  double contrast_weight = -1;
  int64_t seed = -1;  // data and noise seed, >= 0; -1 = 1, or the resumed checkpoint's
  double checkpoint_seconds = 300;
  // Every `snapshot_seconds` of training time, counted over the stages this
  // one continues (t2i + temporal + ...), write the EMA weights as an fp16
  // bundle to work_dir/snapshots/cpu-min-MMMM-step-SSSSSS/<bundle name>, for evaluating
  // the learning curve at fixed CPU times (`lanterna-cli eval --model DIR`).
  // 0 = never.
  double snapshot_seconds = 0;
  bool resume = false;
  // bf16 autocast for the forward pass (`lanterna-cli train` turns it on by
  // default for CPU training on CPUs with native bf16, see README).
  bool bf16 = false;
  bool channels_last = false;
  int threads = 0;
  int log_every = 10;
  // auto, cpu, cuda or cuda:N (train/device.h); weights, batches and the
  // optimizer live there, noise is drawn on the CPU so results match.
  std::string device = "auto";
  int local_rank = -1;  // GPU of this process with --device cuda (-1: the rank)
  // Small model for tests and smoke runs (tiny_model_config).
  bool tiny = false;
  // Data-parallel training (train/distributed.h): world_size ranks, this one
  // `rank`, rendezvous at master_addr:master_port. The global batch is split
  // evenly; rank 0 writes checkpoints and loss.csv.
  int world_size = 1;
  int rank = 0;
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
  double distributed_timeout = 120;  // seconds before a silent rank is an error
};

struct StepReport {
  int64_t step = 0;
  double loss = 0;
  double lr = 0;
  double seconds = 0;             // wall time of this step
  double data_wait = 0;           // seconds of it spent waiting for data
  double samples_per_second = 0;  // of all ranks together
};

// Runs until options.steps or until *stop is set (then checkpoints and
// returns). `on_step` is called after every step.
void run_training(const TrainOptions& options,
                  const std::function<void(const StepReport&)>& on_step,
                  const std::atomic<bool>* stop = nullptr);

// Writes the EMA weights of a stage's last checkpoint as an fp16 bundle
// (inflated to a STUNet when the stage trains the 2D network); with `raw`,
// the raw weights instead (to measure what the EMA gives).
void export_stage(const std::filesystem::path& work_dir, const std::filesystem::path& bundle_dir,
                  bool raw = false);

// The default folder for a stage's checkpoints: ~/.cache/lanterna/train/<stage>.
std::filesystem::path default_work_dir(const std::string& stage);

}  // namespace lanterna::train
