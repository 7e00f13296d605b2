#include "model/inflate.h"

#include "common/error.h"
#include "io/bundle.h"

namespace lanterna {

bool is_temporal_parameter(const std::string& name) {
  return name.find("temporal") != std::string::npos;
}

UNet inflate(const UNetImpl& net2d, ModelConfig config) {
  config.unet.temporal = true;
  UNet net(config);
  TensorMap merged = module_tensors(*net);
  for (const auto& [name, t] : module_tensors(net2d)) {
    auto it = merged.find(name);
    if (it == merged.end() || it->second.sizes() != t.sizes())
      throw Error(ErrorCode::InvalidArgument,
                  "inflate: 2D tensor '" + name + "' has no counterpart in the STUNet");
    it->second = t;
  }
  load_module_tensors(*net, merged, "inflation");
  return net;
}

void blend_style(UNetImpl& net, const TensorMap& base, const TensorMap& style, double a) {
  require(a >= 0.0 && a <= 1.0, "style strength must be in 0..1 (got " + std::to_string(a) + ")");
  TensorMap params = module_tensors(net);
  torch::NoGradGuard no_grad;
  for (const auto& [name, w_style] : style) {
    if (is_temporal_parameter(name)) continue;
    auto p = params.find(name);
    auto b = base.find(name);
    if (p == params.end() || b == base.end() || p->second.sizes() != w_style.sizes())
      throw Error(ErrorCode::BadFile, "style pack tensor '" + name + "' does not fit the model");
    if (a == 0.0) {
      p->second.copy_(b->second);  // exactly the base weights
    } else {
      p->second.copy_(w_style.to(at::kFloat) * a + b->second * (1.0 - a));
    }
  }
}

void freeze_spatial(UNetImpl& net, bool frozen) {
  for (auto& p : net.named_parameters(true))
    p.value().set_requires_grad(is_temporal_parameter(p.key()) || !frozen);
}

}  // namespace lanterna
