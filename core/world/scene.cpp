#include "world/scene.h"

#include <cmath>

namespace lanterna::world {

Rgb background_rgb(Background b) {
  switch (b) {
    case Background::Black:
      return {0, 0, 0};
    case Background::White:
      return {255, 255, 255};
    case Background::Gray:
      return {128, 128, 128};
    case Background::Night:
      return {15, 20, 60};
    case Background::Sand:
      return {225, 200, 150};
    case Background::Grass:
      return {40, 110, 50};
  }
  return {0, 0, 0};
}

Rgb colour_rgb(Colour c) {
  switch (c) {
    case Colour::Red:
      return {220, 40, 40};
    case Colour::Green:
      return {40, 180, 60};
    case Colour::Blue:
      return {40, 80, 220};
    case Colour::Yellow:
      return {240, 210, 40};
    case Colour::Purple:
      return {150, 60, 200};
    case Colour::Orange:
      return {245, 140, 30};
    case Colour::White:
      return {245, 245, 245};
    case Colour::Black:
      return {20, 20, 20};
  }
  return {0, 0, 0};
}

double size_radius(Size s) {
  switch (s) {
    case Size::Small:
      return 0.08;
    case Size::Medium:
      return 0.12;
    case Size::Large:
      return 0.18;
  }
  return 0.12;
}

const char* background_name(Background b) {
  static const char* const names[] = {"black", "white", "gray", "night", "sand", "grass"};
  return names[static_cast<int>(b)];
}
const char* colour_name(Colour c) {
  static const char* const names[] = {"red",    "green",  "blue",  "yellow",
                                      "purple", "orange", "white", "black"};
  return names[static_cast<int>(c)];
}
const char* shape_name(Shape s) {
  static const char* const names[] = {"circle", "square", "triangle", "star"};
  return names[static_cast<int>(s)];
}
const char* size_name(Size s) {
  static const char* const names[] = {"small", "medium", "large"};
  return names[static_cast<int>(s)];
}
const char* motion_name(Motion m) {
  static const char* const names[] = {"left",     "right",   "up",        "down",  "bouncing",
                                      "spinning", "growing", "shrinking", "still", "circling"};
  return names[static_cast<int>(m)];
}

bool colour_allowed_on(Colour c, Background b) {
  if (c == Colour::Black && b == Background::Black) return false;
  if (c == Colour::White && b == Background::White) return false;
  if (c == Colour::Green && b == Background::Grass) return false;
  return true;
}

Object::Pose Object::pose(double u) const {
  const double r = size_radius(size);
  Pose p{x0, y0, r, angle0};
  switch (motion) {
    case Motion::Left:
      p.x = x0 - amount * u;
      break;
    case Motion::Right:
      p.x = x0 + amount * u;
      break;
    case Motion::Up:
      p.y = y0 - amount * u;
      break;
    case Motion::Down:
      p.y = y0 + amount * u;
      break;
    case Motion::Bouncing:
      // Resting on the floor at y = 0.8 at u = 0, 1/n, 2/n, ... 1.
      p.y = 0.8 - r - amount * std::fabs(std::sin(M_PI * bounces * u));
      p.x = x0 + drift * u;
      break;
    case Motion::Spinning:
      p.rotation = angle0 + direction * amount * 2 * M_PI * u;
      break;
    case Motion::Growing:
    case Motion::Shrinking:
      p.radius = r * (1.0 + (amount - 1.0) * u);
      break;
    case Motion::Still:
      break;
    case Motion::Circling: {
      const double a = angle0 + direction * sweep * 2 * M_PI * u;
      p.x = 0.5 + amount * std::cos(a);
      p.y = 0.5 + amount * std::sin(a);
      break;
    }
  }
  return p;
}

}  // namespace lanterna::world
