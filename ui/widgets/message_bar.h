// A dismissible bar above the preview for errors and warnings from core: it
// never blocks (unlike a dialog) and keeps the last message until closed.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace lanterna::ui {

class MessageBar : public QFrame {
  Q_OBJECT
 public:
  enum class Kind { Info, Warning, Error };
  explicit MessageBar(QWidget* parent = nullptr);
  void showMessage(Kind kind, const QString& text);
  QString text() const;
  Kind kind() const { return kind_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QLabel* label_;
  QToolButton* close_;
  Kind kind_ = Kind::Info;
};

}  // namespace lanterna::ui
