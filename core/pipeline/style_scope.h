// A style pack blended into a network for the duration of one request:
// W = a * W_style + (1 - a) * W_base on spatial weights (temporal layers
// untouched), restored to exactly W_base when the scope ends. a = 0 leaves
// the network bit-identical.
#pragma once

#include "io/bundle.h"
#include "model/unet.h"

namespace lanterna {

class StyleScope {
 public:
  StyleScope() = default;
  // `style` holds the pack's tensors; a tensor whose input-channel count is
  // smaller than the network's (the 7-channel conditional conv_in) styles the
  // first channels and keeps the rest.
  StyleScope(UNet net, const TensorMap& style, double strength);
  ~StyleScope();
  StyleScope(const StyleScope&) = delete;
  StyleScope& operator=(const StyleScope&) = delete;

 private:
  UNet net_{nullptr};
  TensorMap base_, style_;
};

}  // namespace lanterna
