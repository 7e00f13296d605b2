// Precompiled header for core/: the LibTorch headers take ~20 s per
// translation unit to parse, so they are parsed once per target here.
#pragma once
#include <torch/nn.h>
#include <torch/optim.h>
#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <memory>
