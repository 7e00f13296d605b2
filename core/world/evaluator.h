// Judges a clip against its caption the way WORLD.md's last section says:
// background, and per named object its colour, shape and motion, with no
// object appearing, vanishing or changing colour along the clip.
#pragma once

#include "world/caption.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lanterna::world {

struct ObjectVerdict {
  bool colour = false;  // an object of the named colour is there in (almost) every frame
  bool shape = false;   // its silhouette matches the named shape best
  bool motion = false;  // its centroid / area / silhouette move as the phrase says
  std::string detail;   // measured figures, for reports
};

struct ClipVerdict {
  bool background = false;
  bool consistent = false;  // no unnamed object appears, none vanishes
  std::vector<ObjectVerdict> objects;
  bool colours() const;
  bool shapes() const;
  bool motions() const;
  bool all_correct() const;
};

// `rgb`: frames * size * size * 3 bytes (judge at 128x128 for the quality
// targets). The caption must be complete (see ParsedCaption::complete()).
ClipVerdict judge_clip(const ParsedCaption& caption, const uint8_t* rgb, int frames, int size);

}  // namespace lanterna::world
