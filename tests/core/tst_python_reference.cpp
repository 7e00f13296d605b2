#include "fixtures.h"
#include "test_registry.h"
#include "train/train_bench.h"

#include <QProcess>
#include <QTest>

#include <cmath>

using namespace lanterna;
namespace fs = std::filesystem;

// bench/train_reference.py, the Python eager reference that `bench --train`
// times beside the C++ trainer, computes the same loss as the C++
// diffusion_loss for the same weights, batch, timesteps and noise (tiny t2i
// network), so the throughput ratio compares equal work.
class TestPythonReference : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void lossEqualsCpp() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const double cxx = train::write_reference_inputs("t2i", true, dir, 4);
    QVERIFY(std::isfinite(cxx) && cxx > 0);

    QProcess python;
    python.start("/usr/bin/python3",
                 {QString(LANTERNA_SOURCE_DIR) + "/bench/train_reference.py", "--model",
                  QString::fromStdString((dir / "model").string()), "--check",
                  QString::fromStdString((dir / "check.safetensors").string()), "--steps", "0",
                  "--threads", "1"});
    QVERIFY(python.waitForFinished(120000));
    const QString out = python.readAllStandardOutput() + python.readAllStandardError();
    if (python.exitCode() == 77) QSKIP(qPrintable("python3-torch missing: " + out));
    QCOMPARE(python.exitCode(), 0);
    const QString prefix = "python-reference loss: ";
    const int at = out.indexOf(prefix);
    QVERIFY2(at >= 0, qPrintable(out));
    bool ok = false;
    const double py = out.mid(at + prefix.size()).section('\n', 0, 0).trimmed().toDouble(&ok);
    QVERIFY2(ok, qPrintable(out));
    qInfo("C++ loss %.9g, Python loss %.9g", cxx, py);
    QVERIFY2(std::fabs(py - cxx) <= 1e-4,
             qPrintable(QString("C++ %1, Python %2").arg(cxx, 0, 'g', 9).arg(py, 0, 'g', 9)));
  }

  // The reference refuses a network it does not implement (the STUNet)
  // instead of timing something else.
  void rejectsTemporalStages() {
    QTemporaryDir tmp;
    QVERIFY_EXCEPTION_THROWN(train::write_reference_inputs("joint", true, tmp.path().toStdString()),
                             std::exception);
  }
};

LANTERNA_TEST(TestPythonReference);
#include "tst_python_reference.moc"
