// SHA-256 (FIPS 180-4) for the settings record: model and input file hashes.
// Plain C++ so it works in trainer-only builds too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace lanterna {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  void update(const std::string& text) { update(text.data(), text.size()); }
  std::string hex_digest();  // finishes the hash; call once

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t length_ = 0;
};

// Hex SHA-256 of a file's bytes. Throws Error(NotFound / Io) naming the file.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace lanterna
