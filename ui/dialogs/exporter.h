// Writing a clip to disk in the studio's export formats. Blocking; the
// export dialog runs it on its own thread. Throws lanterna::Error.
#pragma once

#include "engine/video.h"

#include <QString>

#include <atomic>

namespace lanterna::ui {

enum class ExportFormat { Mp4, Gif, WebM, PngSequence };

struct ExportOptions {
  QString path;  // a file (.mp4, .gif, .webm) or a folder for PNG frames
  ExportFormat format = ExportFormat::Mp4;
  int size = 0;      // output frame size in pixels; 0 = the clip's
  int crf = 18;      // MP4/WebM quality, lower is better
  bool loop = true;  // GIF: loop forever, else play once
  int first = 0;     // trim range, inclusive
  int last = -1;     // -1 = the last frame
};

ExportFormat formatForPath(const QString& path, ExportFormat fallback);
QString extensionFor(ExportFormat format);  // ".mp4", ".gif", ".webm", "" (folder)

// The settings that produced the clip are embedded by the encoders.
void exportClip(const lanterna::Video& clip, const ExportOptions& options,
                const std::atomic<bool>* cancel = nullptr);

}  // namespace lanterna::ui
