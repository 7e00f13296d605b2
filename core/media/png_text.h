// PNG tEXt chunks: Lanterna embeds its generation settings in every PNG it
// writes under the keyword "lanterna".
#pragma once

#include <string>

namespace lanterna {

// Returns `png` with a tEXt chunk (keyword, text) inserted after IHDR.
// Throws Error(InvalidArgument) when the bytes are not a PNG.
std::string png_with_text(const std::string& png, const std::string& keyword,
                          const std::string& text);
// The text of the first tEXt chunk with `keyword`, or "" when there is none.
std::string png_text(const std::string& png, const std::string& keyword);

}  // namespace lanterna
