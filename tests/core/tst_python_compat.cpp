#include "fixtures.h"
#include "test_registry.h"

#include <QProcess>
#include <QTest>

using namespace lanterna;
using namespace lanterna::test;
namespace fs = std::filesystem;

// Weights saved by Lanterna load in Python (python3-torch, Debian's build of
// the same LibTorch) and a PyTorch re-implementation of each block agrees
// with the C++ forward (tests/python/reference_blocks.py).
class TestPythonCompat : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void pythonReferenceAgrees() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    ModelConfig c = tiny_model_config("base");
    UNet net(c);
    randomize(*net, 31);
    save_bundle(dir / "model", c, *net, at::kFloat);
    torch::NoGradGuard no_grad;
    const int64_t frames = 8;
    TensorMap io;
    io["frames"] = at::full({1}, frames, at::kLong);
    auto& down0 = *net->down[0]->as<Level>();
    auto& down1 = *net->down[1]->as<Level>();
    io["res_in"] = at::randn({4, 8, 8, 8});
    io["res_emb"] = at::randn({4, c.unet.time_dim()});
    io["res_block_out"] = down1.res[0]->as<ResBlock>()->forward(io["res_in"], io["res_emb"]);
    io["xattn_in"] = at::randn({4, 16, 8, 8});
    io["xattn_ctx"] = at::randn({4, c.text.max_tokens, c.text.dim});
    at::Tensor valid = at::ones({4, c.text.max_tokens}, at::kBool);
    valid.narrow(1, 5, c.text.max_tokens - 5).fill_(false);
    io["xattn_valid"] = valid;
    io["cross_attention_out"] =
        down1.xattn[0]->as<CrossAttention>()->forward(io["xattn_in"], io["xattn_ctx"], valid);
    io["tconv_in"] = at::randn({2 * frames, 8, 4, 4});
    io["temporal_conv_out"] =
        down0.temporal_conv[0]->as<TemporalConv>()->forward(io["tconv_in"], frames);
    io["tattn_in"] = at::randn({2 * frames, 16, 4, 4});
    io["temporal_attention_out"] =
        net->mid->temporal_attn[0]->as<TemporalAttention>()->forward(io["tattn_in"], frames);
    write_safetensors(dir / "blocks.safetensors", io);

    QProcess python;
    python.start("/usr/bin/python3",
                 {QString(LANTERNA_SOURCE_DIR) + "/tests/python/reference_blocks.py",
                  QString::fromStdString(dir.string())});
    QVERIFY(python.waitForFinished(120000));
    const QString out = python.readAllStandardOutput() + python.readAllStandardError();
    if (python.exitCode() == 77) QSKIP(qPrintable("python3-torch missing: " + out));
    qInfo("%s", qPrintable(out));
    QCOMPARE(python.exitCode(), 0);
  }
};

LANTERNA_TEST(TestPythonCompat);
#include "tst_python_compat.moc"
