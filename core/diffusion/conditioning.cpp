#include "diffusion/conditioning.h"

namespace lanterna {

at::Tensor conditioning_channels(const at::Tensor& video, const at::Tensor& mask) {
  return at::cat({video * mask, mask}, 1);
}

at::Tensor first_frame_mask(int64_t frames, int64_t size) {
  at::Tensor m = at::zeros({frames, 1, size, size});
  m[0].fill_(1.0);
  return m;
}

at::Tensor inpaint_mask(int64_t frames, const at::Tensor& region) {
  return (1.0 - region).expand({frames, 1, region.size(2), region.size(3)}).contiguous();
}

at::Tensor cinemagraph_mask(int64_t frames, const at::Tensor& region) {
  at::Tensor m = inpaint_mask(frames, region);
  m[0].fill_(1.0);  // the still image is frame 0; only the painted region moves after it
  return m;
}

at::Tensor outpaint_mask(int64_t frames, int64_t size, int64_t border) {
  at::Tensor m = at::zeros({frames, 1, size, size});
  if (2 * border < size)
    m.narrow(2, border, size - 2 * border).narrow(3, border, size - 2 * border).fill_(1.0);
  return m;
}

}  // namespace lanterna
