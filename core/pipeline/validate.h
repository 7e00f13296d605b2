// Request validation: every field checked with a message naming it and its
// allowed range, before any model runs.
#pragma once

#include "engine/request.h"
#include "model/config.h"

#include <string>
#include <vector>

namespace lanterna {

struct AvailableModels {
  const ModelConfig* base = nullptr;
  const ModelConfig* conditional = nullptr;  // null when not installed
  const ModelConfig* ssr = nullptr;          // null when not installed
  std::vector<std::string> styles;           // installed style packs
};

// Throws Error(InvalidArgument) for the first problem found.
void validate_request(const GenerationRequest& r, const AvailableModels& models);

// Modes that need the 7-channel conditional model.
bool needs_conditional_model(Mode mode);

}  // namespace lanterna
