#include "pipeline/settings.h"

#include <nlohmann/json.hpp>

namespace lanterna {

std::string settings_json(const GenerationRequest& r, int frames, int width, int height,
                          const std::vector<ModelRecord>& models) {
  nlohmann::json j = {{"generator", "lanterna"},
                      {"mode", mode_name(r.mode)},
                      {"prompt", r.prompt},
                      {"negative_prompt", r.negative_prompt},
                      {"seed", r.seed},
                      {"frames", frames},
                      {"fps", r.fps},
                      {"steps", r.steps},
                      {"guidance", r.guidance},
                      {"sampler", r.sampler},
                      {"size", std::max(width, height)},
                      {"width", width},
                      {"height", height},
                      {"super_resolve", r.super_resolve},
                      {"ssr_steps", r.ssr_steps},
                      {"ssr_guidance", r.ssr_guidance},
                      {"ssr_strength", r.ssr_strength}};
  if (r.mode == Mode::VideoToVideo) j["strength"] = r.edit_strength;
  if (!r.style.empty()) {
    j["style"] = r.style;
    j["style_strength"] = r.style_strength;
  }
  if (r.mode == Mode::Outpaint) {
    j["expand"] = r.expand;
    j["canvas_width"] = r.canvas_width;
    j["canvas_height"] = r.canvas_height;
  }
  if (r.mode != Mode::TextToVideo) j["composite"] = r.composite;
  if (r.mode == Mode::TextToVideo) {
    j["compose_objects"] = r.compose_objects;
    j["candidates"] = r.candidates;
  }
  // "model" names the base bundle (kept from the first format for readers).
  for (const auto& m : models) {
    if (m.role == "base") j["model"] = m.name;
    j["models"].push_back({{"role", m.role}, {"name", m.name}, {"sha256", m.sha256}});
  }
  for (const auto& f : r.input_files)
    j["inputs"].push_back({{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}});
  return j.dump();
}

}  // namespace lanterna
