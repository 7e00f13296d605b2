// Candidates for text-to-video: each base pass draws several clips from seeds
// apart and keeps the one the base network denoises best under the prompt.
//
// Why: the shipped base draws one object as named about three times in four,
// and many wrong clips (a blob for a star, an object drawn twice or smeared)
// are less likely clips under the model than a right one. The network's
// noise-prediction error on a clip noised lightly (t = 150 of 1000) measures
// that likelihood (the diffusion loss bounds -log p) for two network
// evaluations. On a probe of 22 one-object captions it kept a right clip
// whenever one of two was right, but on the 250 eval captions two
// candidates gained only 6 clips wholly right, within the noise, so one
// candidate is the default (docs/training.md, "Candidates").
#pragma once

#include "diffusion/denoiser.h"

#include <cstdint>

namespace lanterna {

// The seed of candidate `c` of a pass whose seed is `pass_seed`; candidate 0
// is the pass's own, so one candidate gives exactly a single pass's clip.
uint64_t candidate_seed(uint64_t pass_seed, int c);

// What ranks the candidates of a pass, lower is better: the denoising error
// of `clip` (clamped to [-1, 1]) with `setup`'s prompt at a low noise level,
// with noise drawn from `pass_seed` (the same for every candidate).
double candidate_error(const DenoiserSetup& setup, const at::Tensor& clip, uint64_t pass_seed);

}  // namespace lanterna
