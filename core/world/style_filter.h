// The world's three reference styles (WORLD.md "Styles"): deterministic image
// filters applied to rendered frames. The style-pack training stages learn
// them; they also let style strength be measured.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lanterna::world {

enum class Style { Sketch, Neon, Pixel };

// "sketch", "neon", "pixel"; throws Error(InvalidArgument) listing them.
Style parse_style(const std::string& name);
const char* style_name(Style style);
std::vector<std::string> style_names();

// Filters one square RGB frame (size * size * 3 bytes) in place:
// - sketch: dark strokes on a light paper tone from the grey-level edges, low
//   saturation;
// - neon: black background, the edges drawn as bright saturated glowing lines
//   in the colour of the object they outline;
// - pixel: down-sampled by 4 (nearest), reduced to its 8 most frequent
//   colours, up-sampled (nearest).
void apply_style(Style style, int size, uint8_t* rgb);

}  // namespace lanterna::world
