#include "ui_test.h"

#include "app_setup.h"
#include "engine/engine_types.h"

#include <QApplication>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <map>
#include <string>

namespace lanterna::test {

static std::map<std::string, UiFactory>& registry() {
  static std::map<std::string, UiFactory> tests;
  return tests;
}

bool registerUiTest(const char* name, UiFactory factory) {
  registry().emplace(name, std::move(factory));
  return true;
}

QString tinyModelsDir() {
  static QTemporaryDir dir;
  static bool written = false;
  if (!written) {
    const QString models = dir.filePath(QStringLiteral("models"));
    const int rc = QProcess::execute(QStringLiteral(LANTERNA_TST_CORE),
                                     {QStringLiteral("--write-tiny-models"), models});
    if (rc != 0) qFatal("tst_core --write-tiny-models failed (%d)", rc);
    written = true;
  }
  return dir.filePath(QStringLiteral("models"));
}

lanterna::ui::MainWindowOptions tinyOptions() {
  lanterna::ui::MainWindowOptions options;
  options.modelsDir = tinyModelsDir();
  options.threads = 1;
  return options;
}

lanterna::Video syntheticClip(int frames, int size, double fps) {
  lanterna::Video v;
  v.width = size;
  v.height = size;
  v.frames = frames;
  v.fps = fps;
  v.rgb.assign(v.frame_bytes() * frames, 0);
  for (int f = 0; f < frames; ++f) {
    uint8_t* p = v.rgb.data() + v.frame_bytes() * f;
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        uint8_t* px = p + (static_cast<size_t>(y) * size + x) * 3;
        const bool square = y >= size / 3 && y < size / 2 && x >= f * 2 && x < f * 2 + size / 6;
        px[0] = square ? 230 : static_cast<uint8_t>(20 + 10 * f);
        px[1] = square ? 40 : 30;
        px[2] = square ? 40 : 60;
      }
  }
  return v;
}

}  // namespace lanterna::test

int main(int argc, char** argv) {
  auto& tests = lanterna::test::registry();
  if (argc < 2 || !tests.count(argv[1])) {
    std::fprintf(stderr, "usage: tst_ui TESTCLASS [qtest options]\ntest classes:\n");
    for (const auto& t : tests) std::fprintf(stderr, "  %s\n", t.first.c_str());
    return 2;
  }
  // Keep the user's settings (recent files, window layout) out of the tests.
  QTemporaryDir config;
  qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LanternaTest"));
  QApplication::setApplicationName(QStringLiteral("tst_ui"));
  lanterna::ui::initResources();
  lanterna::ui::registerEngineTypes();
  auto object = tests.at(argv[1])();
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) rest.push_back(argv[i]);
  return QTest::qExec(object.get(), static_cast<int>(rest.size()), rest.data());
}
