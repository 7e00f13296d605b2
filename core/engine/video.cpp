#include "engine/video.h"

namespace lanterna {

Image Video::frame_image(int i) const {
  Image img;
  img.width = width;
  img.height = height;
  img.rgb.assign(frame(i), frame(i) + frame_bytes());
  return img;
}

}  // namespace lanterna
