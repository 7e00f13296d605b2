// Object composition for text-to-video: a prompt that names two objects is
// generated one object at a time (each part caption names one object on the
// prompt's background) and the part clips are composed, the first-named
// object on top, as the world draws them.
//
// Why: the shipped base draws one object as named about three times in four,
// but never binds two objects' colours, shapes and motions in one pass
// (docs/training.md, "Two-object clips"). Generating each object on its own
// keeps every binding a one-object problem; the price is one base pass per
// object.
#pragma once

#include <ATen/ATen.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace lanterna {

struct ObjectParts {
  std::vector<std::string> captions;        // one per object, first-named first
  std::vector<std::array<float, 3>> fills;  // each object's colour in [-1, 1]
  std::array<float, 3> background{};        // the background's colour in [-1, 1]
};

// The parts of a prompt the world's grammar reads wholly (a background, two
// objects, each with a motion and a colour the background allows, no unknown
// words); nullopt for anything else, which is then generated in one pass.
std::optional<ObjectParts> split_objects(const std::string& prompt);

// How much of each pixel of `clip` (T, 3, H, W in [-1, 1]) is an object of
// colour `fill` over `background`: the pixel's offset from the background
// projected on the fill's, clamped to [0, 1] (anti-aliased edges give
// fractions). Returns (T, 1, H, W).
at::Tensor object_alpha(const at::Tensor& clip, const std::array<float, 3>& fill,
                        const std::array<float, 3>& background);

// Composes part clips (one per object, same shape) into one: each earlier
// part's object drawn over the later ones, as WORLD.md draws the first-named
// object on top.
at::Tensor compose_parts(const std::vector<at::Tensor>& parts, const ObjectParts& split);

}  // namespace lanterna
