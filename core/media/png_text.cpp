#include "media/png_text.h"

#include "common/error.h"

#include <array>
#include <cstdint>

namespace lanterna {
namespace {

const char kSignature[] = "\x89PNG\r\n\x1a\n";

uint32_t crc32(const std::string& bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put_u32(std::string* out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint32_t get_u32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + static_cast<size_t>(i)]);
  return v;
}

bool is_png(const std::string& png) {
  return png.size() >= 8 && png.compare(0, 8, kSignature, 8) == 0;
}

}  // namespace

std::string png_with_text(const std::string& png, const std::string& keyword,
                          const std::string& text) {
  require(is_png(png) && png.size() >= 33 && png.compare(12, 4, "IHDR") == 0, "not a PNG image");
  std::string body = "tEXt" + keyword + '\0' + text;
  std::string chunk;
  put_u32(&chunk, static_cast<uint32_t>(body.size() - 4));
  chunk += body;
  put_u32(&chunk, crc32(body));
  const size_t after_ihdr = 8 + 12 + get_u32(png, 8);
  return png.substr(0, after_ihdr) + chunk + png.substr(after_ihdr);
}

std::string png_text(const std::string& png, const std::string& keyword) {
  if (!is_png(png)) return "";
  size_t at = 8;
  while (at + 12 <= png.size()) {
    const uint32_t length = get_u32(png, at);
    if (length > png.size() - at - 12) return "";
    const std::string type = png.substr(at + 4, 4);
    if (type == "tEXt") {
      const std::string data = png.substr(at + 8, length);
      const size_t nul = data.find('\0');
      if (nul != std::string::npos && data.compare(0, nul, keyword) == 0)
        return data.substr(nul + 1);
    }
    if (type == "IEND") return "";
    at += 12 + length;
  }
  return "";
}

}  // namespace lanterna
