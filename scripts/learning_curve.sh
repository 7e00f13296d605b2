#!/bin/bash
# Evaluates every snapshot a training run wrote with --snapshot-every and
# prints one Markdown row per snapshot: the chain's training minutes, the step,
# and lanterna-cli eval's accuracies. The learning-efficiency table in
# docs/training.md is made this way.
#
#   scripts/learning_curve.sh WORK_DIR [PROMPTS] [SEED] [EVAL OPTIONS...]
#   scripts/learning_curve.sh ~/.cache/lanterna/train/joint 16 1 --no-ssr
#
# LANTERNA_CLI names the lanterna-cli binary (default: the one on PATH).
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = "--help" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
work_dir=$1
prompts=${2:-16}
seed=${3:-1}
shift $(($# < 3 ? $# : 3))
cli=${LANTERNA_CLI:-lanterna-cli}

if [ ! -d "$work_dir/snapshots" ]; then
  echo "error: '$work_dir/snapshots' does not exist: train with --snapshot-every M first" >&2
  exit 1
fi

# Accuracy column of one row of eval's table, without the unit.
accuracy() { awk -F'|' -v m="$1" '$2 ~ "^ "m" $" { gsub(/[ %]/, "", $5); print $5 }' <<<"$2"; }

echo "| CPU minutes | step | background | colour | shape | motion | all correct | s per clip |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for snap in "$work_dir"/snapshots/cpu-min-*; do
  name=$(basename "$snap")  # cpu-min-MMMM-step-SSSSSS
  minutes=$((10#$(cut -d- -f3 <<<"$name")))
  step=$((10#$(cut -d- -f5 <<<"$name")))
  table=$("$cli" eval --model "$snap" --prompts "$prompts" --seed "$seed" "$@")
  seconds=$(sed -n 's/.*mean seconds per clip \([0-9.]*\).*/\1/p' <<<"$table")
  printf '| %d | %d | %s %% | %s %% | %s %% | %s %% | %s %% | %s |\n' "$minutes" "$step" \
    "$(accuracy background "$table")" "$(accuracy colour "$table")" \
    "$(accuracy shape "$table")" "$(accuracy motion "$table")" \
    "$(accuracy 'all correct' "$table")" "$seconds"
done
