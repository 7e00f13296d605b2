// Captions of world scenes: a generator that varies word order and synonyms as
// WORLD.md's grammar allows, and a parser from free text back to a scene
// description (used by the evaluator and to check prompts).
#pragma once

#include "world/rng.h"
#include "world/scene.h"

#include <optional>
#include <string>
#include <vector>

namespace lanterna::world {

std::string caption_for(const Scene& scene, Rng& rng);

struct ParsedObject {
  Colour colour = Colour::Red;
  Shape shape = Shape::Circle;
  Size size = Size::Medium;
  std::optional<Motion> motion;
};

struct ParsedCaption {
  std::optional<Background> background;
  std::vector<ParsedObject> objects;
  std::vector<std::string> unknown_words;  // words outside the world's vocabulary
  std::vector<std::string> problems;       // e.g. "no background named"
  bool complete() const;                   // background, >= 1 object, each with a motion
};

ParsedCaption parse_caption(const std::string& text);

}  // namespace lanterna::world
