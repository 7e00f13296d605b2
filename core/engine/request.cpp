#include "engine/request.h"

#include "common/error.h"

namespace lanterna {
namespace {

const std::pair<Mode, const char*> kModes[] = {
    {Mode::TextToVideo, "t2v"},         {Mode::ImageToVideo, "i2v"},  {Mode::Inpaint, "inpaint"},
    {Mode::Cinemagraph, "cinemagraph"}, {Mode::Outpaint, "outpaint"}, {Mode::VideoToVideo, "v2v"},
    {Mode::Upscale, "upscale"},
};

}  // namespace

Mode parse_mode(const std::string& name) {
  for (const auto& [mode, text] : kModes)
    if (name == text) return mode;
  throw Error(ErrorCode::InvalidArgument,
              "unknown mode '" + name +
                  "' (allowed: t2v, i2v, inpaint, cinemagraph, outpaint, v2v, upscale)");
}

std::string mode_name(Mode mode) {
  for (const auto& [m, text] : kModes)
    if (m == mode) return text;
  return "t2v";
}

}  // namespace lanterna
