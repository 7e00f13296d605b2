// Application-wide setup shared by the studio and the GUI tests: embedded
// resources, translations and the light/dark palette.
#pragma once

#include <QLocale>
#include <QString>

class QApplication;

namespace lanterna::ui {

// Registers the embedded icons and translations (a static library's
// resources need an explicit init).
void initResources();
// Installs the translation for `locale` (the system locale by default,
// which follows $LANG / $LC_ALL / $LC_MESSAGES). English needs none; returns
// true when a translation was installed. Calling it again replaces it.
bool installTranslation(const QLocale& locale = QLocale::system());
// Fusion with a palette that follows the system's light or dark preference
// (the platform palette's window colour, or $LANTERNA_THEME=dark|light).
void applyPalette(QApplication& app);
bool isDarkTheme();

}  // namespace lanterna::ui
