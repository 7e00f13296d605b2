#include "engine/video_convert.h"

#include <algorithm>
#include <cstring>

namespace lanterna::ui {

QImage toQImage(const lanterna::Image& image) {
  if (image.empty()) return {};
  QImage out(image.width, image.height, QImage::Format_RGB888);
  for (int y = 0; y < image.height; ++y)
    std::memcpy(out.scanLine(y), image.rgb.data() + static_cast<size_t>(y) * image.width * 3,
                static_cast<size_t>(image.width) * 3);
  return out;
}

QImage frameImage(const lanterna::Video& video, int frame) {
  if (frame < 0 || frame >= video.frames) return {};
  QImage out(video.width, video.height, QImage::Format_RGB888);
  const uint8_t* src = video.frame(frame);
  for (int y = 0; y < video.height; ++y)
    std::memcpy(out.scanLine(y), src + static_cast<size_t>(y) * video.width * 3,
                static_cast<size_t>(video.width) * 3);
  return out;
}

QVector<QImage> frameImages(const lanterna::Video& video) {
  QVector<QImage> frames;
  frames.reserve(video.frames);
  for (int i = 0; i < video.frames; ++i) frames.push_back(frameImage(video, i));
  return frames;
}

lanterna::Image toImage(const QImage& image) {
  lanterna::Image out;
  if (image.isNull()) return out;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  out.width = rgb.width();
  out.height = rgb.height();
  out.rgb.resize(static_cast<size_t>(out.width) * out.height * 3);
  for (int y = 0; y < out.height; ++y)
    std::memcpy(out.rgb.data() + static_cast<size_t>(y) * out.width * 3, rgb.constScanLine(y),
                static_cast<size_t>(out.width) * 3);
  return out;
}

lanterna::Video toVideo(const QVector<QImage>& frames, double fps) {
  lanterna::Video out;
  out.fps = fps;
  if (frames.isEmpty()) return out;
  out.width = frames.front().width();
  out.height = frames.front().height();
  out.frames = static_cast<int>(frames.size());
  out.rgb.reserve(out.frame_bytes() * frames.size());
  for (const QImage& frame : frames) {
    const lanterna::Image image = toImage(
        frame.size() == QSize(out.width, out.height) ? frame : frame.scaled(out.width, out.height));
    out.rgb.insert(out.rgb.end(), image.rgb.begin(), image.rgb.end());
  }
  return out;
}

QImage centerCropSquare(const QImage& image, int size) {
  if (image.isNull()) return {};
  const int side = std::min(image.width(), image.height());
  QImage square = image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
  if (size > 0 && size != side)
    square = square.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  return square;
}

lanterna::Video trimmed(const lanterna::Video& video, int first, int last) {
  lanterna::Video out = video;
  if (video.empty()) return out;
  first = std::clamp(first, 0, video.frames - 1);
  last = std::clamp(last, first, video.frames - 1);
  out.frames = last - first + 1;
  out.rgb.assign(video.frame(first), video.frame(first) + video.frame_bytes() * out.frames);
  return out;
}

lanterna::Video resized(const lanterna::Video& video, int size) {
  if (size <= 0 || video.empty() || (video.width == size && video.height == size)) return video;
  QVector<QImage> frames = frameImages(video);
  for (QImage& f : frames)
    f = f.scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  lanterna::Video out = toVideo(frames, video.fps);
  out.settings_json = video.settings_json;
  return out;
}

}  // namespace lanterna::ui
