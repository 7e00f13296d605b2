#include "widgets/message_bar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace lanterna::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("messageBar"));
  setFrameShape(QFrame::StyledPanel);
  label_ = new QLabel(this);
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  close_ = new QToolButton(this);
  close_->setIcon(QIcon(QStringLiteral(":/icons/cancel.svg")));
  close_->setAutoRaise(true);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 4, 4);
  layout->addWidget(label_, 1);
  layout->addWidget(close_);
  connect(close_, &QToolButton::clicked, this, &QWidget::hide);
  close_->setToolTip(tr("Dismiss"));
  close_->setAccessibleName(tr("Dismiss message"));
  hide();
}

void MessageBar::showMessage(Kind kind, const QString& text) {
  kind_ = kind;
  label_->setText(text);
  const char* colours = kind == Kind::Error     ? "background: #5a2020; color: #ffe0dc;"
                        : kind == Kind::Warning ? "background: #5a4a1a; color: #fff2d0;"
                                                : "background: #1f3a50; color: #e0f0ff;";
  setStyleSheet(QStringLiteral("#messageBar { %1 border-radius: 4px; } QLabel { %1 }")
                    .arg(QLatin1String(colours)));
  show();
}

QString MessageBar::text() const {
  return isHidden() ? QString() : label_->text();
}

void MessageBar::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    close_->setToolTip(tr("Dismiss"));
    close_->setAccessibleName(tr("Dismiss message"));
  }
  QFrame::changeEvent(event);
}

}  // namespace lanterna::ui
