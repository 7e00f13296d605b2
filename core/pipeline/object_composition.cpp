#include "pipeline/object_composition.h"

#include "world/caption.h"

namespace lanterna {

namespace {

std::array<float, 3> unit_rgb(const world::Rgb& rgb) {
  return {rgb[0] / 127.5f - 1.f, rgb[1] / 127.5f - 1.f, rgb[2] / 127.5f - 1.f};
}

at::Tensor colour_tensor(const std::array<float, 3>& c) {
  return at::tensor({c[0], c[1], c[2]}, at::kFloat).view({1, 3, 1, 1});
}

}  // namespace

std::optional<ObjectParts> split_objects(const std::string& prompt) {
  const world::ParsedCaption parsed = world::parse_caption(prompt);
  if (!parsed.complete() || !parsed.problems.empty() || !parsed.unknown_words.empty() ||
      parsed.objects.size() != 2)
    return std::nullopt;
  // An object in the background's colour (outside the world) cannot be told
  // from the background: one pass.
  for (const world::ParsedObject& p : parsed.objects)
    if (!world::colour_allowed_on(p.colour, *parsed.background)) return std::nullopt;
  ObjectParts parts;
  parts.background = unit_rgb(world::background_rgb(*parsed.background));
  for (size_t k = 0; k < parsed.objects.size(); ++k) {
    const world::ParsedObject& p = parsed.objects[k];
    world::Scene scene;
    scene.background = *parsed.background;
    world::Object o;
    o.colour = p.colour;
    o.shape = p.shape;
    o.size = p.size;
    o.size_named = p.size != world::Size::Medium;
    o.motion = *p.motion;
    scene.objects.push_back(o);
    // A fixed stream: the same prompt always gives the same part captions.
    world::Rng rng(0x0b1ec7u, k);
    parts.captions.push_back(world::caption_for(scene, rng));
    parts.fills.push_back(unit_rgb(world::colour_rgb(p.colour)));
  }
  return parts;
}

at::Tensor object_alpha(const at::Tensor& clip, const std::array<float, 3>& fill,
                        const std::array<float, 3>& background) {
  const at::Tensor bg = colour_tensor(background).to(clip.scalar_type());
  const at::Tensor dir = colour_tensor(fill).to(clip.scalar_type()) - bg;
  const at::Tensor along = ((clip - bg) * dir).sum(1, /*keepdim=*/true);
  return (along / (dir * dir).sum().clamp_min(1e-6)).clamp(0, 1);
}

at::Tensor compose_parts(const std::vector<at::Tensor>& parts, const ObjectParts& split) {
  // Painter's order: start from the last-named object's clip and lay each
  // earlier object over it.
  at::Tensor out = parts.back();
  for (size_t k = parts.size() - 1; k-- > 0;) {
    const at::Tensor a = object_alpha(parts[k], split.fills[k], split.background);
    out = a * parts[k] + (1 - a) * out;
  }
  return out;
}

}  // namespace lanterna
