#include "app_setup.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

#include <memory>

static void initLanternaResources() {
  Q_INIT_RESOURCE(lanterna);
}

namespace lanterna::ui {

namespace {

std::unique_ptr<QTranslator>& appTranslator() {
  static std::unique_ptr<QTranslator> translator;
  return translator;
}

std::unique_ptr<QTranslator>& qtTranslator() {
  static std::unique_ptr<QTranslator> translator;
  return translator;
}

QPalette darkPalette() {
  QPalette p;
  const QColor window(45, 45, 50), base(30, 30, 34), text(225, 225, 230);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(140, 140, 150));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::red);
  p.setColor(QPalette::Highlight, QColor(224, 144, 47));
  p.setColor(QPalette::HighlightedText, Qt::black);
  p.setColor(QPalette::Link, QColor(110, 170, 240));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 125));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 125));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 125));
  return p;
}

}  // namespace

void initResources() {
  initLanternaResources();
}

bool installTranslation(const QLocale& locale) {
  for (auto* t : {&appTranslator(), &qtTranslator()}) {
    if (*t) QCoreApplication::removeTranslator(t->get());
    t->reset();
  }
  auto translator = std::make_unique<QTranslator>();
  if (!translator->load(locale, QStringLiteral("lanterna"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
    return false;
  QCoreApplication::installTranslator(translator.get());
  appTranslator() = std::move(translator);
  // Qt's own strings (standard buttons, file dialogs) when installed.
  auto qt = std::make_unique<QTranslator>();
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt.get());
    qtTranslator() = std::move(qt);
  }
  return true;
}

bool isDarkTheme() {
  const QString forced = qEnvironmentVariable("LANTERNA_THEME").toLower();
  if (forced == QLatin1String("dark")) return true;
  if (forced == QLatin1String("light")) return false;
  if (qEnvironmentVariable("GTK_THEME").toLower().contains(QLatin1String("dark"))) return true;
  // The platform theme's palette (before we replace it) tells light from dark.
  return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

void applyPalette(QApplication& app) {
  const bool dark = isDarkTheme();
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  app.setPalette(dark ? darkPalette() : app.style()->standardPalette());
}

}  // namespace lanterna::ui
