// Reader and writer for the safetensors format (https://huggingface.co/docs/safetensors):
// an 8-byte little-endian header length, a JSON header mapping tensor names to
// dtype, shape and byte offsets, then the raw little-endian data. Nothing is
// executed on load; every offset and size is checked against the file.
#pragma once

#include <ATen/ATen.h>

#include <filesystem>
#include <map>
#include <string>

namespace lanterna {

using TensorMap = std::map<std::string, at::Tensor>;

// Reads every tensor (F16, BF16, F32, F64, I64, I32, U8, BOOL). Throws
// Error(BadFile) naming the file and the problem for truncated or malformed
// files, Error(NotFound) when it does not exist.
TensorMap read_safetensors(const std::filesystem::path& file,
                           std::map<std::string, std::string>* metadata = nullptr);

// Writes atomically (temporary file in the same folder, then rename).
void write_safetensors(const std::filesystem::path& file, const TensorMap& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace lanterna
