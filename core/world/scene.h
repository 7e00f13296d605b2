// The procedural world of ../shared/WORLD.md as plain data: a scene is a
// background and one or two objects, each with a colour, shape, size and a
// motion defined over the whole clip (u = 0 at the first frame, 1 at the last).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace lanterna::world {

enum class Background { Black, White, Gray, Night, Sand, Grass };
enum class Colour { Red, Green, Blue, Yellow, Purple, Orange, White, Black };
enum class Shape { Circle, Square, Triangle, Star };
enum class Size { Small, Medium, Large };
enum class Motion {
  Left,
  Right,
  Up,
  Down,
  Bouncing,
  Spinning,
  Growing,
  Shrinking,
  Still,
  Circling
};

constexpr int kBackgroundCount = 6, kColourCount = 8, kShapeCount = 4, kMotionCount = 10;

using Rgb = std::array<uint8_t, 3>;
Rgb background_rgb(Background b);
Rgb colour_rgb(Colour c);
double size_radius(Size s);  // circumscribed radius in canvas units

const char* background_name(Background b);
const char* colour_name(Colour c);
const char* shape_name(Shape s);
const char* size_name(Size s);
const char* motion_name(Motion m);
// True when an object of colour `c` may appear on `b` (WORLD.md: never the
// background's colour, nor green on grass).
bool colour_allowed_on(Colour c, Background b);

struct Object {
  Colour colour = Colour::Red;
  Shape shape = Shape::Circle;
  Size size = Size::Medium;
  bool size_named = false;  // whether the caption names the size
  Motion motion = Motion::Still;
  // Motion parameters (canvas units), drawn by sample_scene().
  double x0 = 0.5, y0 = 0.5;  // start centre (for circling: the angle below)
  double amount = 0.0;        // displacement, bounce height, turns, scale factor or orbit radius
  double drift = 0.0;         // bouncing: horizontal drift
  int bounces = 2;            // bouncing: number of arcs
  double angle0 = 0.0;        // start rotation (radians) or circling start angle
  int direction = 1;          // spin / orbit direction, +1 or -1
  double sweep = 1.0;         // circling: turns swept

  // State at clip time u in [0, 1].
  struct Pose {
    double x, y, radius, rotation;
  };
  Pose pose(double u) const;
};

struct Scene {
  Background background = Background::Black;
  std::vector<Object> objects;  // the first named is drawn on top
};

}  // namespace lanterna::world
