#include "pipeline/style_scope.h"

#include "common/error.h"
#include "model/inflate.h"

#include <torch/csrc/autograd/grad_mode.h>

namespace lanterna {

StyleScope::StyleScope(UNet net, const TensorMap& style, double strength) : net_(net) {
  torch::NoGradGuard no_grad;
  const TensorMap params = module_tensors(*net);
  for (const auto& [name, w] : style) {
    if (is_temporal_parameter(name)) continue;
    auto p = params.find(name);
    if (p == params.end())
      throw Error(ErrorCode::BadFile, "style pack tensor '" + name + "' is not in the model");
    at::Tensor fitted = w.to(at::kFloat);
    if (p->second.dim() == 4 && w.dim() == 4 && w.size(1) < p->second.size(1) &&
        w.size(0) == p->second.size(0)) {
      fitted = p->second.clone();
      fitted.narrow(1, 0, w.size(1)).copy_(w);
    }
    if (fitted.sizes() != p->second.sizes())
      throw Error(ErrorCode::BadFile, "style pack tensor '" + name + "' does not fit the model");
    base_.emplace(name, p->second.clone());
    style_.emplace(name, fitted);
  }
  blend_style(*net_, base_, style_, strength);
}

StyleScope::~StyleScope() {
  if (net_) blend_style(*net_, base_, style_, 0.0);  // exactly the base weights again
}

}  // namespace lanterna
