// A multi-line prompt field that underlines words the text encoder does not
// know (wavy red, with a tooltip) and submits on Ctrl+Return.
#pragma once

#include <QPlainTextEdit>
#include <QSet>
#include <QSyntaxHighlighter>

namespace lanterna::ui {

class UnknownWordHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  explicit UnknownWordHighlighter(QTextDocument* document);
  void setKnownWords(const QSet<QString>& known);  // empty = underline nothing

 protected:
  void highlightBlock(const QString& text) override;

 private:
  QSet<QString> known_;
};

class PromptEdit : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit PromptEdit(QWidget* parent = nullptr);
  void setKnownWords(const QSet<QString>& known);
  bool isUnknown(const QString& word) const;
  // The format applied at `position` of the text (used by tests and tooltips).
  bool isUnderlinedAt(int position) const;

 Q_SIGNALS:
  void submitRequested();

 protected:
  bool event(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  UnknownWordHighlighter* highlighter_;
  QSet<QString> known_;
};

}  // namespace lanterna::ui
