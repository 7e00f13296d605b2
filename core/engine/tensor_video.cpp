#include "engine/tensor_video.h"

#include <ATen/ops/upsample_bicubic2d.h>

#include <cstring>

namespace lanterna {

Video tensor_to_video(const at::Tensor& frames, double fps) {
  Video v;
  v.frames = static_cast<int>(frames.size(0));
  v.height = static_cast<int>(frames.size(2));
  v.width = static_cast<int>(frames.size(3));
  v.fps = fps;
  const at::Tensor bytes = ((frames.detach().to(at::kFloat) + 1.0) * 127.5)
                               .round()
                               .clamp(0, 255)
                               .to(at::kByte)
                               .permute({0, 2, 3, 1})
                               .contiguous();
  v.rgb.resize(static_cast<size_t>(bytes.numel()));
  std::memcpy(v.rgb.data(), bytes.data_ptr(), v.rgb.size());
  return v;
}

at::Tensor crop_resize(const at::Tensor& frames, int size) {
  const int64_t h = frames.size(2), w = frames.size(3), side = std::min(h, w);
  at::Tensor x = frames.narrow(2, (h - side) / 2, side).narrow(3, (w - side) / 2, side);
  if (side == size) return x.contiguous();
  if (side > size) return at::adaptive_avg_pool2d(x, {size, size});
  return at::upsample_bicubic2d(x, {size, size}, false).clamp(-1.0, 1.0);
}

at::Tensor video_to_tensor(const Video& video, int size) {
  at::Tensor bytes = at::from_blob(const_cast<uint8_t*>(video.rgb.data()),
                                   {video.frames, video.height, video.width, 3}, at::kByte);
  at::Tensor x = bytes.permute({0, 3, 1, 2}).to(at::kFloat) / 127.5 - 1.0;
  return crop_resize(x, size);
}

at::Tensor image_to_tensor(const Image& image, int size) {
  Video v;
  v.width = image.width;
  v.height = image.height;
  v.frames = 1;
  v.rgb = image.rgb;
  return video_to_tensor(v, size);
}

}  // namespace lanterna
