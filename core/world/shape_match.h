// Silhouette classification for the evaluator: a binary mask of one object is
// compared with each shape rendered at the same area and centroid over the
// rotations that shape can tell apart; the best intersection-over-union wins.
#pragma once

#include "world/scene.h"

#include <vector>

namespace lanterna::world {

struct Silhouette {
  const std::vector<uint8_t>* mask = nullptr;  // size*size, 1 = object pixel
  int size = 0;
  double area = 0;        // pixels
  double cx = 0, cy = 0;  // centroid, pixels
};

struct ShapeMatch {
  Shape shape = Shape::Circle;
  double iou = 0;
  double rotation = 0;  // radians, best rotation of the matched shape
};

// Rotational period of a shape's silhouette (2*pi for the circle: none).
double rotation_period(Shape s);
// Area of a shape of circumscribed radius r.
double shape_area(Shape s, double r);

// Best match among all shapes.
ShapeMatch classify_shape(const Silhouette& s);
// Best rotation of a given shape (for spin tracking).
ShapeMatch fit_shape(const Silhouette& s, Shape shape);

}  // namespace lanterna::world
