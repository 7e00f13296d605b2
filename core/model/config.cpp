#include "model/config.h"

#include "common/error.h"

namespace lanterna {
namespace {

template <typename T>
T field(const nlohmann::json& j, const char* key, const T& fallback, const std::string& where) {
  if (!j.contains(key)) return fallback;
  try {
    return j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorCode::BadFile, where + ": field '" + key + "' has the wrong type");
  }
}

void check(bool ok, const std::string& where, const std::string& what) {
  if (!ok) throw Error(ErrorCode::BadFile, where + ": " + what);
}

}  // namespace

void ModelConfig::validate(const std::string& where) const {
  const UNetConfig& u = unet;
  check(kind == "base" || kind == "conditional" || kind == "ssr", where,
        "kind must be base, conditional or ssr (got '" + kind + "')");
  check(u.levels() >= 1 && u.levels() <= 6, where, "unet.widths must have 1 to 6 levels");
  check(static_cast<int>(u.cross_attention.size()) == u.levels(), where,
        "unet.cross_attention must have one entry per level");
  for (int w : u.widths) {
    check(w > 0 && w <= 4096, where, "unet.widths entries must be in 1..4096");
    check(u.groups > 0 && w % u.groups == 0, where, "unet.widths must divide by unet.groups");
    check(u.heads > 0 && w % u.heads == 0, where, "unet.widths must divide by unet.heads");
  }
  check(u.in_channels >= 1 && u.in_channels <= 16, where, "unet.in_channels must be in 1..16");
  check(u.out_channels >= 1 && u.out_channels <= 16, where, "unet.out_channels must be in 1..16");
  check(u.res_blocks >= 1 && u.res_blocks <= 8, where, "unet.res_blocks must be in 1..8");
  check(u.temporal_kernel >= 1 && u.temporal_kernel % 2 == 1, where,
        "unet.temporal_kernel must be odd and >= 1");
  check(u.temporal_attention_layers >= 0 && u.temporal_attention_layers <= 8, where,
        "unet.temporal_attention_layers must be in 0..8");
  check(u.temporal || !u.frame_embedding, where,
        "unet.frame_embedding needs a temporal network (unet.temporal true)");
  check(text.dim > 0 && text.heads > 0 && text.dim % text.heads == 0, where,
        "text.dim must be positive and divide by text.heads");
  check(text.layers >= 0 && text.layers <= 24, where, "text.layers must be in 0..24");
  check(text.max_tokens >= 2 && text.max_tokens <= 512, where, "text.max_tokens must be in 2..512");
  check(text.vocab.size() >= 2 && text.vocab[0] == "<pad>" && text.vocab[1] == "<bos>", where,
        "text.vocab must start with \"<pad>\", \"<bos>\"");
  check(schedule.kind == "cosine" || schedule.kind == "linear", where,
        "schedule.kind must be cosine or linear");
  check(schedule.prediction == "v" || schedule.prediction == "eps", where,
        "schedule.prediction must be v or eps");
  check(schedule.train_steps >= 10 && schedule.train_steps <= 100000, where,
        "schedule.train_steps must be in 10..100000");
  check(schedule.frame_noise_share >= 0 && schedule.frame_noise_share < 1, where,
        "schedule.frame_noise_share must be in [0, 1)");
  const int factor = 1 << (u.levels() - 1);
  check(resolution >= 8 && resolution <= 4096 && resolution % factor == 0, where,
        "resolution must be in 8..4096 and divide by 2^(levels-1)");
  check(min_frames >= 1 && max_frames >= min_frames && max_frames <= 1024, where,
        "frames: need 1 <= min <= max <= 1024");
  check(fps >= 1 && fps <= 120, where, "fps must be in 1..120");
  if (kind == "ssr") {
    check(low_resolution > 0 && resolution % low_resolution == 0, where,
          "ssr models need low_resolution dividing resolution");
  }
  check(!weights_file.empty() && weights_file.find('/') == std::string::npos &&
            weights_file.find("..") == std::string::npos,
        where, "weights must be a plain file name inside the bundle");
}

nlohmann::json to_json(const ModelConfig& c) {
  nlohmann::json j;
  j["format"] = "lanterna-model";
  j["version"] = 1;
  j["name"] = c.name;
  j["kind"] = c.kind;
  j["resolution"] = c.resolution;
  if (c.kind == "ssr") j["low_resolution"] = c.low_resolution;
  j["frames"] = {{"min", c.min_frames}, {"max", c.max_frames}};
  j["fps"] = c.fps;
  j["unet"] = {{"in_channels", c.unet.in_channels},
               {"out_channels", c.unet.out_channels},
               {"widths", c.unet.widths},
               {"cross_attention", c.unet.cross_attention},
               {"res_blocks", c.unet.res_blocks},
               {"heads", c.unet.heads},
               {"groups", c.unet.groups},
               {"temporal", c.unet.temporal},
               {"temporal_kernel", c.unet.temporal_kernel},
               {"temporal_attention_layers", c.unet.temporal_attention_layers},
               {"frame_embedding", c.unet.frame_embedding}};
  j["text"] = {{"dim", c.text.dim},
               {"layers", c.text.layers},
               {"heads", c.text.heads},
               {"max_tokens", c.text.max_tokens},
               {"vocab", c.text.vocab}};
  j["schedule"] = {{"kind", c.schedule.kind},
                   {"train_steps", c.schedule.train_steps},
                   {"prediction", c.schedule.prediction},
                   {"frame_noise_share", c.schedule.frame_noise_share}};
  j["weights"] = c.weights_file;
  j["provenance"] = c.provenance;
  return j;
}

ModelConfig model_config_from_json(const nlohmann::json& j, const std::string& where) {
  check(j.is_object(), where, "model.json must hold a JSON object");
  check(field<std::string>(j, "format", "", where) == "lanterna-model", where,
        "field 'format' must be \"lanterna-model\"");
  check(field<int>(j, "version", 0, where) == 1, where, "unsupported 'version' (expected 1)");
  ModelConfig c;
  c.name = field<std::string>(j, "name", c.name, where);
  c.kind = field<std::string>(j, "kind", c.kind, where);
  c.resolution = field<int>(j, "resolution", c.resolution, where);
  c.low_resolution = field<int>(j, "low_resolution", c.low_resolution, where);
  if (j.contains("frames")) {
    c.min_frames = field<int>(j["frames"], "min", c.min_frames, where);
    c.max_frames = field<int>(j["frames"], "max", c.max_frames, where);
  }
  c.fps = field<int>(j, "fps", c.fps, where);
  check(j.contains("unet") && j["unet"].is_object(), where, "missing object 'unet'");
  const auto& u = j["unet"];
  c.unet.in_channels = field<int>(u, "in_channels", c.unet.in_channels, where);
  c.unet.out_channels = field<int>(u, "out_channels", c.unet.out_channels, where);
  c.unet.widths = field<std::vector<int>>(u, "widths", c.unet.widths, where);
  c.unet.cross_attention =
      field<std::vector<bool>>(u, "cross_attention", c.unet.cross_attention, where);
  c.unet.res_blocks = field<int>(u, "res_blocks", c.unet.res_blocks, where);
  c.unet.heads = field<int>(u, "heads", c.unet.heads, where);
  c.unet.groups = field<int>(u, "groups", c.unet.groups, where);
  c.unet.temporal = field<bool>(u, "temporal", c.unet.temporal, where);
  c.unet.temporal_kernel = field<int>(u, "temporal_kernel", c.unet.temporal_kernel, where);
  c.unet.temporal_attention_layers =
      field<int>(u, "temporal_attention_layers", c.unet.temporal_attention_layers, where);
  c.unet.frame_embedding = field<bool>(u, "frame_embedding", c.unet.frame_embedding, where);
  check(j.contains("text") && j["text"].is_object(), where, "missing object 'text'");
  const auto& t = j["text"];
  c.text.dim = field<int>(t, "dim", c.text.dim, where);
  c.text.layers = field<int>(t, "layers", c.text.layers, where);
  c.text.heads = field<int>(t, "heads", c.text.heads, where);
  c.text.max_tokens = field<int>(t, "max_tokens", c.text.max_tokens, where);
  c.text.vocab = field<std::vector<std::string>>(t, "vocab", {}, where);
  if (j.contains("schedule")) {
    const auto& s = j["schedule"];
    c.schedule.kind = field<std::string>(s, "kind", c.schedule.kind, where);
    c.schedule.train_steps = field<int>(s, "train_steps", c.schedule.train_steps, where);
    c.schedule.prediction = field<std::string>(s, "prediction", c.schedule.prediction, where);
    c.schedule.frame_noise_share =
        field<double>(s, "frame_noise_share", c.schedule.frame_noise_share, where);
  }
  c.weights_file = field<std::string>(j, "weights", c.weights_file, where);
  if (j.contains("provenance")) c.provenance = j["provenance"];
  c.validate(where);
  return c;
}

}  // namespace lanterna
