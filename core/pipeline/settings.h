// The settings record a generated Video carries (JSON), so exports embed what
// produced them and the studio can restore them from a file.
#pragma once

#include "engine/request.h"

#include <string>
#include <vector>

namespace lanterna {

struct ModelRecord {
  std::string role;    // "base", "conditional", "ssr", "style"
  std::string name;    // bundle folder name
  std::string sha256;  // of model.safetensors
};

std::string settings_json(const GenerationRequest& r, int frames, int width, int height,
                          const std::vector<ModelRecord>& models);

}  // namespace lanterna
