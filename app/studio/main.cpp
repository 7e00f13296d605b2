// lanterna: the studio. Thin: parses the command line, sets up the
// application (resources, translation, palette) and opens the main window.
#include "app_setup.h"
#include "engine/engine_bridge.h"
#include "main_window.h"
#include "panels/input_panel.h"
#include "panels/prompt_panel.h"
#include "widgets/prompt_edit.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QScreen>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

namespace {

// --help and --version only print: they must work without a display (a
// terminal over ssh, a packaging check), so no window system is needed then.
void noDisplayForHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const QByteArray arg(argv[i]);
    if ((arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
         arg == "-v") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
      qputenv("QT_QPA_PLATFORM", "offscreen");
  }
}

}  // namespace

int main(int argc, char** argv) {
  noDisplayForHelp(argc, argv);
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Lanterna"));
  QApplication::setApplicationName(QStringLiteral("Lanterna"));
  QApplication::setApplicationVersion(QStringLiteral(LANTERNA_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("lanterna"));
  lanterna::ui::initResources();
  lanterna::ui::installTranslation();
  lanterna::ui::applyPalette(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate(
      "main",
      "Lanterna studio: generate and edit short videos with a space-time diffusion model.\n"
      "Clips are square (128 x 128 with the shipped models): an image or clip that is not\n"
      "square is centre-cropped to a square and resized to the model's size."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("file"),
      QApplication::translate("main", "A project (.lanterna) or an image or clip to start from."),
      QStringLiteral("[file]"));
  const QCommandLineOption models(
      QStringLiteral("models"),
      QApplication::translate("main", "Models folder holding base/ (and ssr/)."),
      QStringLiteral("dir"));
  const QCommandLineOption prompt(QStringLiteral("prompt"),
                                  QApplication::translate("main", "Prompt to start with."),
                                  QStringLiteral("text"));
  const QCommandLineOption seed(QStringLiteral("seed"),
                                QApplication::translate("main", "Seed to start with (locked)."),
                                QStringLiteral("n"));
  const QCommandLineOption generate(
      QStringLiteral("generate"),
      QApplication::translate("main", "Start generating as soon as the models are loaded."));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QApplication::translate("main",
                              "Generate, save a screenshot of the window to FILE and quit."),
      QStringLiteral("file"));
  const QCommandLineOption threads(
      QStringLiteral("threads"),
      QApplication::translate("main", "CPU threads for the engine (default: one per core)."),
      QStringLiteral("n"));
  parser.addOptions({models, threads, prompt, seed, generate, screenshot});
  parser.process(app);

  lanterna::ui::MainWindowOptions options;
  options.modelsDir = parser.value(models);
  options.threads = parser.value(threads).toInt();
  auto* window = new lanterna::ui::MainWindow(options);
  window->setAttribute(Qt::WA_DeleteOnClose);
  if (parser.isSet(prompt)) window->promptPanel()->promptEdit()->setPlainText(parser.value(prompt));
  if (parser.isSet(seed)) {
    window->promptPanel()->seedBox()->setValue(parser.value(seed).toInt());
    window->promptPanel()->seedLock()->setChecked(true);
  }
  const QStringList files = parser.positionalArguments();
  if (!files.isEmpty()) {
    const QString file = files.first();
    if (file.endsWith(QStringLiteral(".lanterna")))
      window->openProjectFile(file);
    else
      window->inputPanel()->loadFile(file);
  }
  window->show();

  const bool wantsShot = parser.isSet(screenshot);
  if (parser.isSet(generate) || wantsShot) {
    QObject::connect(window->engine(), &lanterna::ui::EngineBridge::modelsLoaded, window,
                     [window] { window->generate(); });
  }
  if (wantsShot) {
    const QString file = parser.value(screenshot);
    auto grab = [window, file] {
      window->grab().save(file);
      window->setModified(false);  // nothing to save: quit without asking
      window->close();
    };
    QObject::connect(window, &lanterna::ui::MainWindow::generationFinished, window,
                     [grab](bool) { QTimer::singleShot(300, grab); });
    QObject::connect(window->engine(), &lanterna::ui::EngineBridge::modelsFailed, window,
                     [grab](const QString&) { QTimer::singleShot(300, grab); });
  }
  return app.exec();
}
