// The words of the procedural world's caption grammar (../shared/WORLD.md),
// which form the default text encoder's vocabulary.
#pragma once

#include <string>
#include <vector>

namespace lanterna::world {

// "<pad>", "<bos>", then every word the caption grammar can produce, sorted.
std::vector<std::string> vocabulary();

}  // namespace lanterna::world
