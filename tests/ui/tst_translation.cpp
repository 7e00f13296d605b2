// Brazilian Portuguese: the .ts is complete, and with pt_BR installed no
// visible string of the main window or the export dialog is still English.
#include "ui_test.h"

#include "app_setup.h"
#include "dialogs/export_dialog.h"
#include "main_window.h"
#include "panels/prompt_panel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QXmlStreamReader>

using namespace lanterna::ui;

namespace {

QString plain(QString s) {
  s.remove(QLatin1Char('&'));
  return s.trimmed();
}

// English source text -> whether its translation differs (names such as
// "DDIM" may stay as they are).
QHash<QString, QString> readTs(const QString& path, QStringList* unfinished) {
  QHash<QString, QString> map;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return map;
  QXmlStreamReader xml(&file);
  QString source;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QLatin1String("source")) {
      source = xml.readElementText();
    } else if (xml.name() == QLatin1String("translation")) {
      const bool notDone =
          xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished") ||
          xml.attributes().value(QLatin1String("type")) == QLatin1String("vanished");
      const QString translation = xml.readElementText();
      if (notDone || translation.isEmpty()) unfinished->append(source);
      map.insert(plain(source), plain(translation));
    }
  }
  return map;
}

QStringList visibleStrings(QWidget* root) {
  QStringList out;
  auto add = [&](const QString& s) {
    if (!s.trimmed().isEmpty()) out.append(plain(s));
  };
  QList<QWidget*> widgets = root->findChildren<QWidget*>();
  widgets.prepend(root);
  for (QWidget* w : widgets) {
    if (!w->isVisibleTo(root) && w != root) continue;
    add(w->toolTip());
    add(w->accessibleName());
    if (auto* b = qobject_cast<QAbstractButton*>(w)) add(b->text());
    if (auto* l = qobject_cast<QLabel*>(w)) add(l->text());
    if (auto* d = qobject_cast<QDockWidget*>(w)) add(d->windowTitle());
    if (auto* c = qobject_cast<QComboBox*>(w))
      for (int i = 0; i < c->count(); ++i) add(c->itemText(i));
    if (auto* t = qobject_cast<QTabWidget*>(w))
      for (int i = 0; i < t->count(); ++i) add(t->tabText(i));
    if (auto* e = qobject_cast<QPlainTextEdit*>(w)) add(e->placeholderText());
    if (auto* e = qobject_cast<QLineEdit*>(w)) add(e->placeholderText());
  }
  if (auto* mw = qobject_cast<QMainWindow*>(root)) {
    add(mw->windowTitle());
    for (QAction* menu : mw->menuBar()->actions()) {
      add(menu->text());
      if (menu->menu())
        for (QAction* a : menu->menu()->actions()) add(a->text());
    }
  }
  return out;
}

}  // namespace

class TestTranslation : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void cleanup() { installTranslation(QLocale(QLocale::English)); }

  void tsFileIsComplete() {
    QStringList unfinished;
    const auto map =
        readTs(QStringLiteral(LANTERNA_SOURCE_DIR "/i18n/lanterna_pt_BR.ts"), &unfinished);
    QVERIFY(map.size() > 100);
    QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QStringLiteral(" | "))));
  }

  void ptBrHasNoEnglishVisibleString() {
    QVERIFY(installTranslation(QLocale(QStringLiteral("pt_BR"))));
    QStringList unfinished;
    const auto map =
        readTs(QStringLiteral(LANTERNA_SOURCE_DIR "/i18n/lanterna_pt_BR.ts"), &unfinished);
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ExportDialog d(std::make_shared<lanterna::Video>(lanterna::test::syntheticClip(4, 16)), 0, 3,
                   QStringLiteral("/tmp/x.mp4"));
    d.show();
    QStringList english;
    QStringList seen = visibleStrings(&w) + visibleStrings(&d);
    for (const QString& s : seen)
      if (map.contains(s) && map.value(s) != s) english.append(s);
    QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
    QCOMPARE(w.promptPanel()->generateButton()->text(), QStringLiteral("Gerar"));
    w.setModified(false);
  }

  void switchingLanguageRetranslatesOpenWindows() {
    MainWindow w(lanterna::test::tinyOptions());
    w.show();
    QCOMPARE(w.promptPanel()->generateButton()->text(), QStringLiteral("Generate"));
    QVERIFY(installTranslation(QLocale(QStringLiteral("pt_BR"))));
    // LanguageChange events are posted to every widget.
    QTRY_COMPARE(w.promptPanel()->generateButton()->text(), QStringLiteral("Gerar"));
    installTranslation(QLocale(QLocale::English));
    QTRY_COMPARE(w.promptPanel()->generateButton()->text(), QStringLiteral("Generate"));
    w.setModified(false);
  }
};

LANTERNA_UI_TEST(TestTranslation);
#include "tst_translation.moc"
