#include "output.h"

#include "common/error.h"
#include "media/gif_encode.h"
#include "media/image_io.h"
#include "media/video_encode.h"

#include <iostream>

namespace lanterna::cli {

namespace fs = std::filesystem;

void check_output_path(const fs::path& out, bool allow_png) {
  require(!out.empty(), "--out must not be empty");
  const std::string ext = out.extension().string();
  require(ext.empty() || ext == ".mp4" || ext == ".webm" || ext == ".gif" ||
              (allow_png && ext == ".png"),
          "unsupported output '" + out.string() + "': use a .mp4, .webm or .gif file" +
              (allow_png ? ", a .png still" : "") + " or a folder (out/)");
}

void write_output(const fs::path& out, const Video& video, int crf,
                  const std::atomic<bool>* cancel) {
  const std::string ext = out.extension().string();
  if (ext == ".png") {
    write_png(out, video.frame_image(0), video.settings_json);
  } else if (ext == ".gif") {
    GifOptions gif;
    gif.cancel = cancel;
    encode_gif(out, video, gif);
  } else if (!ext.empty()) {
    EncodeOptions encode;
    encode.crf = crf;
    encode.cancel = cancel;
    encode_video(out, video, encode);
  } else {
    write_png_folder(out.has_filename() ? out : out.parent_path(), video);
  }
  std::cerr << "wrote " << video.frames << " frames of " << video.width << "x" << video.height
            << " to " << out.string() << "\n";
}

}  // namespace lanterna::cli
