#include "fixtures.h"
#include "test_registry.h"

#include "common/error.h"
#include "io/atomic_file.h"

#include <QTest>

#include <fstream>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

namespace {

ErrorCode load_error(const fs::path& dir, std::string* message = nullptr) {
  try {
    load_bundle(dir);
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return ErrorCode::Internal;  // loaded fine: no error
}

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

class TestBundle : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path dir(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }

 private Q_SLOTS:
  void roundTripFloat32IsExact() {
    ModelConfig c = tiny_model_config("base");
    c.provenance = {{"steps", 12}, {"data", "world v1"}};
    c.unet.frame_embedding = true;
    UNet net(c);
    randomize(*net, 21);
    save_bundle(dir("f32"), c, *net, at::kFloat);
    ModelBundle b = load_bundle(dir("f32"));
    QCOMPARE(b.config.provenance["steps"].get<int>(), 12);
    QCOMPARE(b.config.text.vocab, c.text.vocab);
    QVERIFY(b.config.unet.frame_embedding);
    const TensorMap saved = module_tensors(*net);
    QVERIFY(saved.count("temporal_frame_embed.weight"));
    for (const auto& [name, t] : module_tensors(*b.net)) QVERIFY(at::equal(t, saved.at(name)));
  }
  void roundTripFloat16IsClose() {
    ModelConfig c = tiny_model_config("conditional");
    UNet net(c);
    randomize(*net, 22);
    save_bundle(dir("f16"), c, *net, at::kHalf);
    ModelBundle b = load_bundle(dir("f16"));
    const TensorMap saved = module_tensors(*net);
    for (const auto& [name, t] : module_tensors(*b.net))
      QVERIFY(at::allclose(t, saved.at(name), 1e-3, 1e-3));
    // fp16 halves the weights file.
    QVERIFY(fs::file_size(dir("f16") / "model.safetensors") <
            fs::file_size(dir("f32") / "model.safetensors") * 6 / 10 + 4096);
  }
  void savingOverAnExistingBundleReplacesIt() {
    ModelConfig c = tiny_model_config("base");
    UNet net(c);
    randomize(*net, 23);
    save_bundle(dir("f32"), c, *net, at::kFloat);
    ModelBundle b = load_bundle(dir("f32"));
    QVERIFY(at::equal(module_tensors(*b.net).at("conv_in.weight"), net->conv_in->weight));
    for (const auto& e : fs::directory_iterator(tmp_.path().toStdString()))
      QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos, "temporary left");
  }
  void rejectsBrokenBundles() {
    const fs::path good = dir("f32");
    const std::string weights = read_file(good / "model.safetensors");
    const std::string json = read_file(good / "model.json");
    auto variant = [&](const char* name, const std::string& w, const std::string& j) {
      fs::create_directories(dir(name));
      write_bytes(dir(name) / "model.safetensors", w);
      write_bytes(dir(name) / "model.json", j);
      return dir(name);
    };
    std::string msg;
    QCOMPARE(load_error(dir("missing")), ErrorCode::NotFound);
    QCOMPARE(load_error(variant("truncated", weights.substr(0, weights.size() / 2), json), &msg),
             ErrorCode::BadFile);
    QVERIFY2(msg.find("truncated") != std::string::npos, msg.c_str());
    QCOMPARE(load_error(variant("empty", "", json)), ErrorCode::BadFile);
    QCOMPARE(load_error(variant("garbage", std::string(64, '\xff'), json)), ErrorCode::BadFile);
    QCOMPARE(load_error(variant("badjson", weights, "{ nope"), &msg), ErrorCode::BadFile);
    QVERIFY(msg.find("model.json") != std::string::npos);
    // A config whose widths differ: tensor shapes no longer match.
    nlohmann::json j = nlohmann::json::parse(json);
    j["unet"]["widths"] = {8, 16, 32};
    QCOMPARE(load_error(variant("shape", weights, j.dump()), &msg), ErrorCode::BadFile);
    QVERIFY2(msg.find("shape") != std::string::npos, msg.c_str());
    // A field out of range names the field.
    j = nlohmann::json::parse(json);
    j["unet"]["heads"] = 3;
    QCOMPARE(load_error(variant("heads", weights, j.dump()), &msg), ErrorCode::BadFile);
    QVERIFY2(msg.find("heads") != std::string::npos, msg.c_str());
    // Weights written for another architecture: missing / unexpected tensors.
    ModelConfig other = tiny_model_config("base");
    other.unet.temporal = false;
    UNet net2d(other);
    write_safetensors(dir("f32") / "other.safetensors", module_tensors(*net2d));
    QCOMPARE(
        load_error(variant("missing_tensor", read_file(dir("f32") / "other.safetensors"), json),
                   &msg),
        ErrorCode::BadFile);
    QVERIFY2(msg.find("missing tensor") != std::string::npos, msg.c_str());
    // A weights path escaping the bundle is refused.
    j = nlohmann::json::parse(json);
    j["weights"] = "../f32/model.safetensors";
    QCOMPARE(load_error(variant("escape", weights, j.dump())), ErrorCode::BadFile);
  }
  void rejectsNonFiniteWeights() {
    ModelConfig c = tiny_model_config("base");
    UNet net(c);
    {
      torch::NoGradGuard g;
      net->conv_in->weight[0][0][0][0] = std::numeric_limits<float>::quiet_NaN();
    }
    save_bundle(dir("nan"), c, *net, at::kFloat);
    std::string msg;
    QCOMPARE(load_error(dir("nan"), &msg), ErrorCode::BadFile);
    QVERIFY2(msg.find("conv_in.weight") != std::string::npos, msg.c_str());
  }
};

LANTERNA_TEST(TestBundle);
#include "tst_bundle.moc"
