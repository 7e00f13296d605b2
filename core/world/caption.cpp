#include "world/caption.h"

#include "model/tokenizer.h"
#include "world/vocabulary.h"

#include <algorithm>
#include <set>

namespace lanterna::world {
namespace {

template <size_t N>
const char* pick(Rng& rng, const char* const (&options)[N]) {
  return options[rng.below(static_cast<int>(N))];
}

const char* shape_word(Shape s, Rng& rng) {
  static const char* const circle[] = {"circle", "circle", "ball", "dot", "disc"};
  static const char* const square[] = {"square", "square", "box", "block", "cube"};
  switch (s) {
    case Shape::Circle:
      return pick(rng, circle);
    case Shape::Square:
      return pick(rng, square);
    case Shape::Triangle:
      return "triangle";
    case Shape::Star:
      return "star";
  }
  return "circle";
}

const char* motion_phrase(Motion m, Rng& rng) {
  static const char* const left[] = {"moving left", "going left", "sliding left",
                                     "moving to the left"};
  static const char* const right[] = {"moving right", "going right", "sliding right",
                                      "moving to the right"};
  static const char* const up[] = {"moving up", "rising", "going up"};
  static const char* const down[] = {"moving down", "falling", "going down", "dropping"};
  static const char* const spin[] = {"spinning", "rotating", "turning"};
  static const char* const grow[] = {"growing", "getting bigger"};
  static const char* const shrink[] = {"shrinking", "getting smaller"};
  static const char* const still[] = {"standing still", "resting", "not moving", "still"};
  static const char* const circle[] = {"circling", "orbiting", "going around"};
  switch (m) {
    case Motion::Left:
      return pick(rng, left);
    case Motion::Right:
      return pick(rng, right);
    case Motion::Up:
      return pick(rng, up);
    case Motion::Down:
      return pick(rng, down);
    case Motion::Bouncing:
      return "bouncing";
    case Motion::Spinning:
      return pick(rng, spin);
    case Motion::Growing:
      return pick(rng, grow);
    case Motion::Shrinking:
      return pick(rng, shrink);
    case Motion::Still:
      return pick(rng, still);
    case Motion::Circling:
      return pick(rng, circle);
  }
  return "still";
}

const char* background_phrase(Background b, Rng& rng) {
  static const char* const black[] = {"on a black background", "on black",
                                      "over a black background"};
  static const char* const white[] = {"on a white background", "on white",
                                      "over a white background"};
  static const char* const gray[] = {"on a gray background", "on a grey background", "on gray",
                                     "on grey"};
  static const char* const night[] = {"on a night sky", "in the night sky", "on a night background",
                                      "in a night sky"};
  static const char* const sand[] = {"over the sand", "on the sand", "in the desert",
                                     "on a sand background", "across the desert"};
  static const char* const grass[] = {"on the grass", "on a green field", "in a field",
                                      "over the grass", "on grass"};
  switch (b) {
    case Background::Black:
      return pick(rng, black);
    case Background::White:
      return pick(rng, white);
    case Background::Gray:
      return pick(rng, gray);
    case Background::Night:
      return pick(rng, night);
    case Background::Sand:
      return pick(rng, sand);
    case Background::Grass:
      return pick(rng, grass);
  }
  return "on black";
}

std::string object_phrase(const Object& o, Rng& rng) {
  std::string s = "a ";
  if (o.size_named) s += std::string(size_name(o.size)) + " ";
  s += std::string(colour_name(o.colour)) + " " + shape_word(o.shape, rng);
  return s;
}

}  // namespace

std::string caption_for(const Scene& scene, Rng& rng) {
  std::string text;
  for (size_t i = 0; i < scene.objects.size(); ++i) {
    if (i) text += " and ";
    text +=
        object_phrase(scene.objects[i], rng) + " " + motion_phrase(scene.objects[i].motion, rng);
  }
  const std::string bg = background_phrase(scene.background, rng);
  // Word-order variation: the background may come first.
  if (rng.chance(0.2)) {
    std::string lead = bg;
    lead[0] = static_cast<char>(std::toupper(lead[0]));
    return lead + ", " + text;
  }
  return text + " " + bg;
}

bool ParsedCaption::complete() const {
  if (!background || objects.empty()) return false;
  for (const auto& o : objects)
    if (!o.motion) return false;
  return true;
}

ParsedCaption parse_caption(const std::string& text) {
  ParsedCaption out;
  const std::vector<std::string> w = Tokenizer::split_words(text);
  static const std::vector<std::string> vocab = vocabulary();
  static const std::set<std::string> known(vocab.begin(), vocab.end());
  auto at = [&](size_t i) { return i < w.size() ? w[i] : std::string(); };
  auto colour_of = [](const std::string& s) -> std::optional<Colour> {
    for (int c = 0; c < kColourCount; ++c)
      if (s == colour_name(static_cast<Colour>(c))) return static_cast<Colour>(c);
    return std::nullopt;
  };
  auto shape_of = [](const std::string& s) -> std::optional<Shape> {
    if (s == "circle" || s == "ball" || s == "dot" || s == "disc") return Shape::Circle;
    if (s == "square" || s == "box" || s == "block" || s == "cube") return Shape::Square;
    if (s == "triangle") return Shape::Triangle;
    if (s == "star") return Shape::Star;
    return std::nullopt;
  };
  auto set_motion = [&](Motion m) {
    if (out.objects.empty()) {
      out.problems.push_back(std::string("motion '") + motion_name(m) + "' before any object");
    } else if (out.objects.back().motion) {
      out.problems.push_back("two motions for one object");
    } else {
      out.objects.back().motion = m;
    }
  };
  auto set_background = [&](Background b) {
    if (out.background && *out.background != b) out.problems.push_back("two backgrounds named");
    out.background = b;
  };
  std::optional<Size> pending_size;
  for (size_t i = 0; i < w.size(); ++i) {
    const std::string& s = w[i];
    if (!known.count(s)) {
      if (std::find(out.unknown_words.begin(), out.unknown_words.end(), s) ==
          out.unknown_words.end())
        out.unknown_words.push_back(s);
      continue;
    }
    if (s == "small")
      pending_size = Size::Small;
    else if (s == "medium")
      pending_size = Size::Medium;
    else if (s == "large")
      pending_size = Size::Large;
    else if (s == "gray" || s == "grey")
      set_background(Background::Gray);
    else if (s == "night" || s == "sky")
      set_background(Background::Night);
    else if (s == "sand" || s == "desert")
      set_background(Background::Sand);
    else if (s == "grass" || s == "field")
      set_background(Background::Grass);
    else if (auto c = colour_of(s)) {
      // A colour followed by a shape word names an object; otherwise
      // ("black background", "green field", "on white") the background.
      if (auto shape = shape_of(at(i + 1))) {
        ParsedObject o;
        o.colour = *c;
        o.shape = *shape;
        o.size = pending_size.value_or(Size::Medium);
        pending_size.reset();
        out.objects.push_back(o);
        ++i;
      } else if (*c == Colour::Green && at(i + 1) == "field") {
        set_background(Background::Grass);
        ++i;
      } else if (*c == Colour::Black) {
        set_background(Background::Black);
      } else if (*c == Colour::White) {
        set_background(Background::White);
      } else {
        out.problems.push_back(std::string("colour '") + s +
                               "' names neither an object nor a background");
      }
    } else if (shape_of(s)) {
      out.problems.push_back("shape '" + s + "' without a colour");
    } else if (s == "moving" || s == "going" || s == "sliding") {
      size_t j = i + 1;
      if (at(j) == "to" && at(j + 1) == "the") j += 2;
      const std::string d = at(j);
      if (d == "left")
        set_motion(Motion::Left), i = j;
      else if (d == "right")
        set_motion(Motion::Right), i = j;
      else if (d == "up")
        set_motion(Motion::Up), i = j;
      else if (d == "down")
        set_motion(Motion::Down), i = j;
      else if (s == "going" && d == "around")
        set_motion(Motion::Circling), i = j;
      else
        out.problems.push_back("'" + s + "' without a direction");
    } else if (s == "rising")
      set_motion(Motion::Up);
    else if (s == "falling" || s == "dropping")
      set_motion(Motion::Down);
    else if (s == "bouncing")
      set_motion(Motion::Bouncing);
    else if (s == "spinning" || s == "rotating" || s == "turning")
      set_motion(Motion::Spinning);
    else if (s == "growing")
      set_motion(Motion::Growing);
    else if (s == "shrinking")
      set_motion(Motion::Shrinking);
    else if (s == "getting" && at(i + 1) == "bigger")
      set_motion(Motion::Growing), ++i;
    else if (s == "getting" && at(i + 1) == "smaller")
      set_motion(Motion::Shrinking), ++i;
    else if (s == "not" && at(i + 1) == "moving")
      set_motion(Motion::Still), ++i;
    else if (s == "standing" && at(i + 1) == "still")
      set_motion(Motion::Still), ++i;
    else if (s == "still" || s == "resting" || s == "standing")
      set_motion(Motion::Still);
    else if (s == "circling" || s == "orbiting")
      set_motion(Motion::Circling);
    // Everything else ("a", "on", "the", "background", ...) is glue.
  }
  if (!out.background) out.problems.push_back("no background named");
  if (out.objects.empty()) out.problems.push_back("no object named (colour + shape)");
  return out;
}

}  // namespace lanterna::world
