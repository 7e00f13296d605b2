#include "world/vocabulary.h"

#include <algorithm>
#include <set>

namespace lanterna::world {

std::vector<std::string> vocabulary() {
  static const char* const kWords[] = {
      // glue words of the grammar
      "a", "an", "the", "and", "on", "over", "in", "across", "background", "with", "while",
      // backgrounds
      "black", "white", "gray", "grey", "night", "sky", "sand", "desert", "grass", "field", "green",
      // colours
      "red", "blue", "yellow", "purple", "orange",
      // shapes and their synonyms
      "circle", "ball", "dot", "disc", "square", "box", "block", "cube", "triangle", "star",
      // sizes
      "small", "medium", "large",
      // motions and their synonyms
      "moving", "going", "sliding", "to", "left", "right", "up", "down", "rising", "falling",
      "dropping", "bouncing", "spinning", "rotating", "turning", "growing", "getting", "bigger",
      "smaller", "shrinking", "still", "standing", "resting", "not", "circling", "orbiting",
      "around"};
  std::set<std::string> words(std::begin(kWords), std::end(kWords));
  std::vector<std::string> out{"<pad>", "<bos>"};
  out.insert(out.end(), words.begin(), words.end());
  return out;
}

}  // namespace lanterna::world
