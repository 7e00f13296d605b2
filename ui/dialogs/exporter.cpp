#include "dialogs/exporter.h"

#include "common/error.h"
#include "engine/video_convert.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "media/video_encode.h"

#include <filesystem>

namespace lanterna::ui {

ExportFormat formatForPath(const QString& path, ExportFormat fallback) {
  const QString lower = path.toLower();
  if (lower.endsWith(QStringLiteral(".mp4"))) return ExportFormat::Mp4;
  if (lower.endsWith(QStringLiteral(".gif"))) return ExportFormat::Gif;
  if (lower.endsWith(QStringLiteral(".webm"))) return ExportFormat::WebM;
  return fallback;
}

QString extensionFor(ExportFormat format) {
  switch (format) {
    case ExportFormat::Mp4:
      return QStringLiteral(".mp4");
    case ExportFormat::Gif:
      return QStringLiteral(".gif");
    case ExportFormat::WebM:
      return QStringLiteral(".webm");
    case ExportFormat::PngSequence:
      break;
  }
  return {};
}

void exportClip(const lanterna::Video& clip, const ExportOptions& o,
                const std::atomic<bool>* cancel) {
  lanterna::require(!clip.empty(), "there is no clip to export");
  lanterna::require(!o.path.isEmpty(), "choose a file to export to");
  const int last = o.last < 0 ? clip.frames - 1 : o.last;
  lanterna::Video video = trimmed(clip, o.first, last);
  const std::filesystem::path path = o.path.toStdString();
  switch (o.format) {
    case ExportFormat::Mp4:
    case ExportFormat::WebM: {
      video = resized(video, o.size);
      lanterna::EncodeOptions encode;
      encode.crf = o.crf;
      encode.cancel = cancel;
      encode_video(path, video, encode);
      break;
    }
    case ExportFormat::Gif: {
      video = resized(video, o.size);
      lanterna::GifOptions gif;
      gif.loop = o.loop ? 0 : -1;
      gif.cancel = cancel;
      encode_gif(path, video, gif);
      break;
    }
    case ExportFormat::PngSequence: {
      video = resized(video, o.size);
      lanterna::write_png_folder(path, video);
      break;
    }
  }
}

}  // namespace lanterna::ui
