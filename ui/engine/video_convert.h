// Conversions between core's plain 8-bit RGB media and Qt images. Cheap
// per-pixel copies, fine on the UI thread (no tensor work).
#pragma once

#include "engine/video.h"

#include <QImage>
#include <QVector>

namespace lanterna::ui {

QImage toQImage(const lanterna::Image& image);
QImage frameImage(const lanterna::Video& video, int frame);
QVector<QImage> frameImages(const lanterna::Video& video);
lanterna::Image toImage(const QImage& image);
// Frames must share one size; they are converted to RGB.
lanterna::Video toVideo(const QVector<QImage>& frames, double fps);
// The model sees square clips: the centred square of `image`, resized to
// `size` (0 = keep the square's size).
QImage centerCropSquare(const QImage& image, int size = 0);
// Frames [first, last] of a clip (clamped), keeping fps and settings.
lanterna::Video trimmed(const lanterna::Video& video, int first, int last);
// Every frame resized to size x size (smooth); size 0 or equal keeps the clip.
lanterna::Video resized(const lanterna::Video& video, int size);

}  // namespace lanterna::ui
