#include "widgets/prompt_edit.h"

#include "engine/model_info.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>

namespace lanterna::ui {

namespace {

bool isWordChar(QChar ch) {
  return ch.unicode() < 128 && ch.isLetterOrNumber();
}

}  // namespace

UnknownWordHighlighter::UnknownWordHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document) {}

void UnknownWordHighlighter::setKnownWords(const QSet<QString>& known) {
  known_ = known;
  rehighlight();
}

void UnknownWordHighlighter::highlightBlock(const QString& text) {
  if (known_.isEmpty()) return;
  QTextCharFormat format;
  format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
  format.setUnderlineColor(QColor(220, 60, 50));
  int i = 0;
  while (i < text.size()) {
    if (!isWordChar(text[i])) {
      ++i;
      continue;
    }
    int j = i;
    while (j < text.size() && isWordChar(text[j])) ++j;
    if (!known_.contains(text.mid(i, j - i).toLower())) setFormat(i, j - i, format);
    i = j;
  }
}

PromptEdit::PromptEdit(QWidget* parent)
    : QPlainTextEdit(parent), highlighter_(new UnknownWordHighlighter(document())) {
  setTabChangesFocus(true);
}

void PromptEdit::setKnownWords(const QSet<QString>& known) {
  known_ = known;
  highlighter_->setKnownWords(known);
}

bool PromptEdit::isUnknown(const QString& word) const {
  return !known_.isEmpty() && !word.isEmpty() && !known_.contains(word.toLower());
}

bool PromptEdit::isUnderlinedAt(int position) const {
  const QTextBlock block = document()->findBlock(position);
  const int offset = position - block.position();
  for (const QTextLayout::FormatRange& range : block.layout()->formats())
    if (offset >= range.start && offset < range.start + range.length &&
        range.format.underlineStyle() == QTextCharFormat::WaveUnderline)
      return true;
  return false;
}

bool PromptEdit::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    QTextCursor cursor = cursorForPosition(viewport()->mapFromParent(help->pos()));
    cursor.select(QTextCursor::WordUnderCursor);
    const QString word = cursor.selectedText();
    if (isUnknown(word)) {
      QToolTip::showText(
          help->globalPos(),
          tr("\"%1\" is not in the model's vocabulary and will be ignored.").arg(word.toLower()),
          this);
    } else {
      QToolTip::showText(help->globalPos(), toolTip(), this);
    }
    return true;
  }
  if (event->type() == QEvent::ShortcutOverride) {
    // Let the window's Ctrl+Return shortcut (Generate) win over a newline.
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
        (key->modifiers() & Qt::ControlModifier)) {
      event->ignore();
      return false;
    }
  }
  return QPlainTextEdit::event(event);
}

void PromptEdit::keyPressEvent(QKeyEvent* event) {
  if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
      (event->modifiers() & Qt::ControlModifier)) {
    Q_EMIT submitRequested();
    return;
  }
  QPlainTextEdit::keyPressEvent(event);
}

}  // namespace lanterna::ui
