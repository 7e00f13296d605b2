#include "args.h"
#include "commands.h"

#include "common/cpu_features.h"
#include "common/error.h"
#include "train/device.h"
#include "train/trainer.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <iostream>

namespace lanterna::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

const char* kHelp =
    "usage: lanterna-cli train --stage NAME [options]\n"
    "       lanterna-cli train --stage NAME --export DIR\n"
    "\n"
    "Trains one stage on the procedural world (rendered on the fly). Stages, in order:\n"
    "  t2i       text-to-image 2D U-Net on single frames (32x32)\n"
    "  temporal  inflate t2i into the STUNet, train only the temporal layers on clips\n"
    "  joint     all STUNet layers (16 clips, rate 3e-4, unweighted, timestep shift 3)\n"
    "  conditional  7-channel STUNet (i2v, inpaint, cinemagraph, outpaint) from joint\n"
    "            (or --init-dir / --init-bundle), masks sampled per mode\n"
    "  ssr       super-resolution 32 -> 128 on 64x64 crops of 8-frame windows\n"
    "  style-sketch, style-neon, style-pixel\n"
    "            style packs: spatial weights fine-tuned on frames passed through\n"
    "            the world's style filter (from t2i, or --init-bundle the base)\n"
    "\n"
    "options:\n"
    "  --steps N            train until global step N (default 1000)\n"
    "  --resume             continue from the last checkpoint in the work folder, with\n"
    "                       its batch, clip length, rate, min-SNR, timestep shift,\n"
    "                       cooldown, data mix and seed unless given again\n"
    "  --work-dir DIR       checkpoints and loss.csv (default ~/.cache/lanterna/train/STAGE)\n"
    "  --init-dir DIR       work folder of the stage this one starts from (default: sibling)\n"
    "  --init-bundle DIR    start from a model bundle's weights (e.g. the shipped\n"
    "                       resources/models/base on a machine without checkpoints)\n"
    "  --from-scratch       start from random weights, not from the stage this one\n"
    "                       continues (a naive baseline: --stage joint trains\n"
    "                       text-to-video from scratch)\n"
    "  --batch N            samples per step (default: the stage's)\n"
    "  --frames N           frames per training clip (SSR: window) of a space-time\n"
    "                       stage, a multiple of 4 up to 80 (SSR: of 8); below 16,\n"
    "                       windows of 16-frame clips at a random place, for the\n"
    "                       short phase of a clip-length curriculum (default: the\n"
    "                       stage's, 16 (SSR 8), or the resumed checkpoint's)\n"
    "  --lr X               peak learning rate (default: the stage's)\n"
    "  --micro-batch N      run each batch as passes of at most N samples whose\n"
    "                       gradients add up to the same step (gradient accumulation;\n"
    "                       default 0: one pass). On a 2-core CPU --batch 32\n"
    "                       --micro-batch 8 is faster than one pass of 32\n"
    "  --cooldown N         decay the learning rate linearly towards 0 over the last\n"
    "                       N steps up to --steps (default 0: constant after warm-up;\n"
    "                       --resume keeps the checkpoint's)\n"
    "  --ema X              EMA decay (default 0.999)\n"
    "  --min-snr G          min-SNR loss weighting gamma, 0 disables (default: the\n"
    "                       stage's, 5; 0 for joint and ssr)\n"
    "  --timestep-shift S   train the noisy steps more: t = S u / (1 + (S - 1) u) for\n"
    "                       u uniform in [0, 1), S in 1..100 (default: the stage's,\n"
    "                       3 for joint, else 1: uniform t; or the resumed\n"
    "                       checkpoint's); recorded in the provenance\n"
    "  --frame-embedding    give the network each frame's place in the clip (so a\n"
    "                       caption can tie a motion to the clip's start and end); a\n"
    "                       new layer, zero at the start, so --init-bundle weights\n"
    "                       begin unchanged; recorded in the model (--resume and\n"
    "                       --init-bundle of a model that has it keep it)\n"
    "  --noise-share R      share of the noise variance common to a clip's frames\n"
    "                       (mixed noise, Ge et al. 2023), in [0, 1); recorded in\n"
    "                       the model, whose sampling uses the same share\n"
    "                       (default: the stage's, 0, or the resumed checkpoint's)\n"
    "  --seed N             data and noise seed, >= 0 (default 1)\n"
    "  --motion-weights W   curriculum: show some motions more (or less) often, e.g.\n"
    "                       spinning=3,left=2 (others 1; 0 leaves a motion out;\n"
    "                       'uniform' resets; default: WORLD.md's uniform mix, or the\n"
    "                       resumed checkpoint's); recorded in the provenance\n"
    "  --two-object-rate R  curriculum: share of two-object clips in [0, 1]\n"
    "                       (default: WORLD.md's 0.3, or the resumed checkpoint's)\n"
    "  --contrast-pairs     each second clip of a batch is the one before it with its\n"
    "                       left/right/up/down motions turned around and the same\n"
    "                       noise, so only the direction word tells the two apart\n"
    "                       (space-time stages, even --batch; --resume keeps it)\n"
    "  --contrast-weight W  with --contrast-pairs: weight of the part of a pair's\n"
    "                       error that differs between its clips (the part only the\n"
    "                       direction word explains), against 1 for the shared part;\n"
    "                       in 1..1000 (default 1: the plain loss; --resume keeps it)\n"
    "  --contrast-spinning  with --contrast-pairs: a partner's spinning objects are\n"
    "                       also made still, so \"spinning\" is trained against\n"
    "                       \"still\" (--resume keeps it)\n"
    "  --checkpoint-every S seconds between checkpoints (default 300)\n"
    "  --snapshot-every M   every M minutes of training time, counted over the\n"
    "                       stages this one continues, write the EMA weights as\n"
    "                       a bundle to WORK/snapshots/cpu-min-MMMM-step-SSSSSS/ for eval\n"
    "                       (learning curves; default 0 = never)\n"
    "  --log-every N        steps per loss.csv line (default 10)\n"
    "  --threads N          CPU threads (default: one per core)\n"
    "  --device D           auto, cpu, cuda or cuda:N (default auto: the GPU when this\n"
    "                       LibTorch build has CUDA and one is present; with several\n"
    "                       ranks on one machine, cuda picks the GPU of LOCAL_RANK)\n"
    "  --bf16 / --fp32      bf16 autocast for the forward pass, or not (default: bf16\n"
    "                       when training on a CPU with native bf16, AVX512-BF16;\n"
    "                       fp32 on other CPUs and on GPUs)\n"
    "  --channels-last      channels-last memory format\n"
    "  --tiny               tiny model (tests and smoke runs)\n"
    "  --export DIR         write the last checkpoint's EMA weights as an fp16 model bundle\n"
    "  --export-raw         with --export: the raw weights instead of the EMA, to\n"
    "                       compare the two (the provenance says \"weights\": raw)\n"
    "\n"
    "data-parallel training (PyTorch c10d, Gloo; the global --batch is split evenly):\n"
    "  --world-size N       number of ranks (env WORLD_SIZE; default 1)\n"
    "  --rank R             this process's rank, 0..N-1 (env RANK)\n"
    "  --master ADDR:PORT   rank 0's address for the rendezvous (env MASTER_ADDR,\n"
    "                       MASTER_PORT; default 127.0.0.1:29500)\n"
    "  --dist-timeout S     seconds before a silent rank fails the others (default 120)\n"
    "Rank 0 writes checkpoints and loss.csv; every rank resumes from the same\n"
    "--work-dir checkpoint (shared or copied). GLOO_SOCKET_IFNAME picks the network\n"
    "interface on multi-machine runs.\n"
    "\n"
    "SIGINT/SIGTERM save a checkpoint and exit; --resume continues exactly where it stopped.\n";

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

int to_int(const std::string& text, const std::string& what, long lo, long hi) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  require(!text.empty() && *end == '\0' && v >= lo && v <= hi,
          what + " must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi) +
              " (got '" + text + "')");
  return static_cast<int>(v);
}

// --world-size/--rank/--master, else the launcher's environment variables.
void read_distributed(const Args& a, train::TrainOptions* o) {
  const std::string world = a.has("world-size") ? a.str("world-size") : env("WORLD_SIZE");
  if (!world.empty()) o->world_size = to_int(world, "--world-size / WORLD_SIZE", 1, 4096);
  const std::string rank = a.has("rank") ? a.str("rank") : env("RANK");
  if (!rank.empty()) o->rank = to_int(rank, "--rank / RANK", 0, 4095);
  require(o->rank < o->world_size, "--rank must be in 0.." + std::to_string(o->world_size - 1) +
                                       " (got " + std::to_string(o->rank) + ")");
  if (a.has("master")) {
    const std::string m = a.str("master");
    const size_t colon = m.rfind(':');
    require(colon != std::string::npos && colon > 0,
            "--master must be ADDRESS:PORT (got '" + m + "')");
    o->master_addr = m.substr(0, colon);
    o->master_port = to_int(m.substr(colon + 1), "the --master port", 1, 65535);
  } else {
    if (!env("MASTER_ADDR").empty()) o->master_addr = env("MASTER_ADDR");
    if (!env("MASTER_PORT").empty())
      o->master_port = to_int(env("MASTER_PORT"), "MASTER_PORT", 1, 65535);
  }
  o->distributed_timeout = a.number("dist-timeout", o->distributed_timeout);
  require(o->distributed_timeout >= 1 && o->distributed_timeout <= 86400,
          "--dist-timeout must be in 1..86400 seconds");
}

}  // namespace

int run_train(const std::vector<std::string>& argv) {
  const Args a(argv,
               {"stage",
                "steps",
                "work-dir",
                "init-dir",
                "init-bundle",
                "batch",
                "frames",
                "lr",
                "ema",
                "min-snr",
                "timestep-shift",
                "seed",
                "checkpoint-every",
                "snapshot-every",
                "threads",
                "export",
                "world-size",
                "rank",
                "master",
                "dist-timeout",
                "log-every",
                "device",
                "noise-share",
                "cooldown",
                "micro-batch",
                "motion-weights",
                "two-object-rate",
                "contrast-weight"},
               {"help", "resume", "bf16", "fp32", "channels-last", "tiny", "frame-embedding",
                "contrast-pairs", "contrast-spinning", "export-raw", "from-scratch"});
  if (a.flag("help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  require(a.has("stage"), "--stage is required (see --help)");
  train::TrainOptions o;
  o.stage = a.str("stage");
  o.work_dir = a.has("work-dir") ? std::filesystem::path(a.str("work-dir"))
                                 : train::default_work_dir(o.stage);
  require(!a.flag("export-raw") || a.has("export"), "--export-raw needs --export DIR");
  if (a.has("export")) {
    train::export_stage(o.work_dir, a.str("export"), a.flag("export-raw"));
    std::cerr << "exported " << o.work_dir.string() << " to " << a.str("export") << "\n";
    return 0;
  }
  o.init_dir = a.str("init-dir");
  o.init_bundle = a.str("init-bundle");
  o.from_scratch = a.flag("from-scratch");
  o.steps = a.integer("steps", 1000);
  o.batch = static_cast<int>(a.integer("batch", 0));
  o.frames = static_cast<int>(a.integer("frames", 0));
  require(!a.has("frames") || o.frames >= 1, "--frames must be >= 1");
  o.lr = a.number("lr", 0);
  o.micro_batch = static_cast<int>(a.integer("micro-batch", 0));
  o.ema_decay = a.number("ema", 0.999);
  o.cooldown_steps = a.integer("cooldown", -1);
  require(o.cooldown_steps >= -1, "--cooldown must be >= 0 steps");
  o.min_snr_gamma = a.number("min-snr", -1);
  o.timestep_shift = a.number("timestep-shift", -1);
  o.frame_noise_share = a.number("noise-share", -1);
  o.frame_embedding = a.flag("frame-embedding");
  o.contrast_pairs = a.flag("contrast-pairs");
  o.contrast_spinning = a.flag("contrast-spinning");
  o.contrast_weight = a.number("contrast-weight", -1);
  o.seed = a.integer("seed", -1);
  require(!a.has("seed") || o.seed >= 0, "--seed must be >= 0");
  o.motion_weights = a.str("motion-weights");
  o.two_object_rate = a.number("two-object-rate", -1);
  o.checkpoint_seconds = a.number("checkpoint-every", 300);
  o.snapshot_seconds = 60 * a.number("snapshot-every", 0);
  require(o.snapshot_seconds >= 0, "--snapshot-every must be >= 0 minutes");
  o.threads = static_cast<int>(a.integer("threads", 0));
  o.device = a.has("device") ? a.str("device") : "auto";
  o.resume = a.flag("resume");
  o.channels_last = a.flag("channels-last");
  o.tiny = a.flag("tiny");
  o.log_every = static_cast<int>(a.integer("log-every", o.log_every));
  require(o.log_every >= 1, "--log-every must be >= 1");
  read_distributed(a, &o);
  if (!env("LOCAL_RANK").empty()) o.local_rank = to_int(env("LOCAL_RANK"), "LOCAL_RANK", 0, 4095);
  const train::DeviceChoice device =
      train::resolve_device(o.device, o.local_rank >= 0 ? o.local_rank : o.rank);
  o.device = device.name;
  require(!(a.flag("bf16") && a.flag("fp32")), "--bf16 and --fp32 exclude each other");
  o.bf16 = a.flag("bf16") || (!a.flag("fp32") && !device.cuda && cpu_has_native_bf16());
  std::cerr << "training stage " << o.stage << " on " << device.name
            << (o.bf16 ? " with bf16 autocast" : " in fp32") << "\n";
  require(o.ema_decay >= 0 && o.ema_decay < 1, "--ema must be in [0, 1)");
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  train::run_training(
      o,
      [](const train::StepReport& r) {
        if (r.step % 10 == 0)
          std::fprintf(stderr,
                       "step %lld  loss %.5f  lr %.2e  %.2f s/step  %.0f samples/s  wait %.3f s\n",
                       static_cast<long long>(r.step), r.loss, r.lr, r.seconds,
                       r.samples_per_second, r.data_wait);
      },
      &g_stop);
  std::cerr << (g_stop ? "stopped; checkpoint saved in " : "done; checkpoint in ")
            << o.work_dir.string() << "\n";
  return 0;
}

}  // namespace lanterna::cli
