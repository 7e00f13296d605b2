#!/usr/bin/env bash
# Trains one stage on a GPU machine for a fixed wall time: builds lanterna-cli
# alone (the `trainer` configuration: no Qt, FFmpeg or OpenCV) against
# PyTorch's bundled LibTorch, trains with --device cuda until SECONDS have
# passed since the script started (the build included), stops the trainer
# with SIGINT (it checkpoints), and exports the EMA weights as an fp16 bundle
# to WORK/bundle.
#
#   scripts/gpu_train.sh WORK SECONDS [lanterna-cli train options]
#   scripts/gpu_train.sh /tmp/joint 480 --stage joint \
#       --init-bundle resources/models/base --batch 32 --lr 3e-4 --steps 1000000
#
# Copy WORK/bundle over resources/models/<name> after checking it with
# `lanterna-cli eval --model DIR` (the export is named after the model its
# stage ships as). nlohmann-json is taken from .dev/include when the machine
# has none (copy /usr/include/nlohmann there).
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 WORK SECONDS [lanterna-cli train options]" >&2
  exit 2
fi
work=$1
seconds=$2
shift 2
start=$(date +%s)
mkdir -p "$work"

prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)') || {
  echo "gpu_train.sh: python3 with torch is needed for its LibTorch" >&2
  exit 1
}
extra=()
generator=Ninja
command -v ninja >/dev/null || generator="Unix Makefiles"
[ -f .dev/include/nlohmann/json.hpp ] && extra+=("-DNLOHMANN_JSON_INCLUDE=$PWD/.dev/include")
if ! cmake -S . -B build/trainer -G "$generator" -DCMAKE_BUILD_TYPE=Release -DLANTERNA_TRAINER_ONLY=ON \
  -DCMAKE_PREFIX_PATH="$prefix" "${extra[@]}" >"$work/cmake.log" 2>&1; then
  tail -40 "$work/cmake.log"
  exit 1
fi
if ! cmake --build build/trainer -j "$(nproc)" >"$work/build.log" 2>&1; then
  grep -B2 -A8 'error' "$work/build.log" | head -150
  exit 1
fi
cli=build/trainer/app/lanterna-cli
echo "gpu_train.sh: built in $(($(date +%s) - start)) s"

left=$((seconds - ($(date +%s) - start)))
if [ "$left" -le 10 ]; then
  echo "gpu_train.sh: no time left to train after the build" >&2
  exit 1
fi
# SIGINT makes the trainer finish its step, checkpoint and exit.
timeout -s INT -k 60 "$left" "$cli" train --work-dir "$work" --device cuda "$@" 2>&1 |
  tee "$work/train.log"
"$cli" train --stage "$(grep -o -- '--stage [a-z-]*' <<<"$*" | cut -d' ' -f2)" \
  --work-dir "$work" --export "$work/bundle"
