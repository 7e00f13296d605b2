// Shared by the GUI tests: the registry of test classes linked into tst_ui
// (`tst_ui NAME [qtest options]` runs one) and a tiny random-weight models
// folder written once per process by tst_core --write-tiny-models.
#pragma once

#include "engine/video.h"
#include "main_window.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace lanterna::test {

using UiFactory = std::function<std::unique_ptr<QObject>()>;
bool registerUiTest(const char* name, UiFactory factory);

// A models folder with tiny random base/ and ssr/ bundles (frames 4..32).
QString tinyModelsDir();
// A window on the tiny models with one engine thread (the tests share the
// machine with other work; one thread avoids oversubscription).
lanterna::ui::MainWindowOptions tinyOptions();
// A synthetic clip: `frames` frames of size x size, each a different shade,
// with a small square moving right.
lanterna::Video syntheticClip(int frames, int size, double fps = 8);

}  // namespace lanterna::test

#define LANTERNA_UI_TEST(Class)             \
  static const bool registered_ui_##Class = \
      ::lanterna::test::registerUiTest(#Class, [] { return std::unique_ptr<QObject>(new Class); })
