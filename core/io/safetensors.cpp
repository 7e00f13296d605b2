#include "io/safetensors.h"

#include "common/error.h"
#include "io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cstring>

namespace lanterna {
namespace {

struct DtypeInfo {
  const char* name;
  at::ScalarType type;
  size_t bytes;
};

const DtypeInfo kDtypes[] = {
    {"F16", at::kHalf, 2},   {"BF16", at::kBFloat16, 2}, {"F32", at::kFloat, 4},
    {"F64", at::kDouble, 8}, {"I64", at::kLong, 8},      {"I32", at::kInt, 4},
    {"U8", at::kByte, 1},    {"BOOL", at::kBool, 1},
};

const DtypeInfo* dtype_by_name(const std::string& name) {
  for (const auto& d : kDtypes)
    if (name == d.name) return &d;
  return nullptr;
}

const DtypeInfo& dtype_by_type(at::ScalarType type) {
  for (const auto& d : kDtypes)
    if (d.type == type) return d;
  throw Error(ErrorCode::Internal, "safetensors: unsupported tensor dtype");
}

}  // namespace

TensorMap read_safetensors(const std::filesystem::path& file,
                           std::map<std::string, std::string>* metadata) {
  const std::string bytes = read_file(file);
  const std::string where = "'" + file.string() + "'";
  auto bad = [&](const std::string& what) {
    return Error(ErrorCode::BadFile, where + ": " + what);
  };
  if (bytes.size() < 8) throw bad("file too short to be safetensors (truncated?)");
  uint64_t header_len = 0;
  for (int i = 7; i >= 0; --i) header_len = (header_len << 8) | static_cast<uint8_t>(bytes[i]);
  if (header_len > bytes.size() - 8 || header_len > (100u << 20))
    throw bad("header length " + std::to_string(header_len) + " exceeds the file (truncated?)");
  nlohmann::json header;
  try {
    header =
        nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + 8 + static_cast<long>(header_len));
  } catch (const nlohmann::json::exception&) {
    throw bad("header is not valid JSON");
  }
  if (!header.is_object()) throw bad("header is not a JSON object");
  const size_t data_begin = 8 + header_len, data_size = bytes.size() - data_begin;
  TensorMap out;
  for (auto it = header.begin(); it != header.end(); ++it) {
    if (it.key() == "__metadata__") {
      if (metadata && it.value().is_object())
        for (auto m = it.value().begin(); m != it.value().end(); ++m)
          if (m.value().is_string()) (*metadata)[m.key()] = m.value().get<std::string>();
      continue;
    }
    const std::string name = it.key();
    const auto& e = it.value();
    if (!e.is_object() || !e.contains("dtype") || !e.contains("shape") ||
        !e.contains("data_offsets"))
      throw bad("tensor '" + name + "' lacks dtype, shape or data_offsets");
    const DtypeInfo* dt =
        e["dtype"].is_string() ? dtype_by_name(e["dtype"].get<std::string>()) : nullptr;
    if (!dt) throw bad("tensor '" + name + "' has an unsupported dtype");
    std::vector<int64_t> shape;
    uint64_t numel = 1;
    for (const auto& d : e["shape"]) {
      if (!d.is_number_unsigned() || d.get<uint64_t>() > (1ull << 40))
        throw bad("tensor '" + name + "' has an invalid shape");
      shape.push_back(d.get<int64_t>());
      numel *= d.get<uint64_t>();
      if (numel > (1ull << 40)) throw bad("tensor '" + name + "' is too large");
    }
    const auto& off = e["data_offsets"];
    if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() ||
        !off[1].is_number_unsigned())
      throw bad("tensor '" + name + "' has invalid data_offsets");
    const uint64_t begin = off[0].get<uint64_t>(), end = off[1].get<uint64_t>();
    if (begin > end || end > data_size)
      throw bad("tensor '" + name + "' lies outside the file (truncated?)");
    if (end - begin != numel * dt->bytes)
      throw bad("tensor '" + name + "' byte size does not match its shape and dtype");
    at::Tensor t = at::empty(shape, at::TensorOptions().dtype(dt->type));
    if (numel) std::memcpy(t.data_ptr(), bytes.data() + data_begin + begin, end - begin);
    out.emplace(name, t);
  }
  return out;
}

void write_safetensors(const std::filesystem::path& file, const TensorMap& tensors,
                       const std::map<std::string, std::string>& metadata) {
  nlohmann::json header = nlohmann::json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<at::Tensor> contiguous;
  uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    at::Tensor t = tensor.detach().cpu().contiguous();
    const DtypeInfo& dt = dtype_by_type(t.scalar_type());
    const uint64_t size = static_cast<uint64_t>(t.numel()) * dt.bytes;
    header[name] = {
        {"dtype", dt.name}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + size}}};
    offset += size;
    contiguous.push_back(t);
  }
  std::string head = header.dump();
  head.append((8 - head.size() % 8) % 8, ' ');  // align the data to 8 bytes
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i)
    bytes[static_cast<size_t>(i)] = static_cast<char>((head.size() >> (8 * i)) & 0xff);
  bytes += head;
  bytes.reserve(bytes.size() + offset);
  for (const at::Tensor& t : contiguous)
    bytes.append(static_cast<const char*>(t.data_ptr()), t.numel() * t.element_size());
  write_file_atomic(file, bytes);
}

}  // namespace lanterna
