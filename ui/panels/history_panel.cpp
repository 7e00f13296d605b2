#include "panels/history_panel.h"

#include "engine/video_convert.h"
#include "widgets/preview_view.h"

#include <QDialog>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace lanterna::ui {

HistoryPanel::HistoryPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("historyPanel"));
  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("historyList"));
  list_->setViewMode(QListView::ListMode);
  list_->setIconSize(QSize(56, 56));
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  list_->setWordWrap(true);
  compare_ = new QPushButton(this);
  compare_->setObjectName(QStringLiteral("compare"));
  compare_->setEnabled(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(list_, 1);
  layout->addWidget(compare_);
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    if (list_->selectedItems().size() <= 1) Q_EMIT entryActivated(list_->row(item));
  });
  connect(list_, &QListWidget::itemSelectionChanged, this,
          [this] { compare_->setEnabled(list_->selectedItems().size() == 2); });
  connect(compare_, &QPushButton::clicked, this, [this] {
    const auto items = list_->selectedItems();
    if (items.size() == 2) compare(list_->row(items[0]), list_->row(items[1]));
  });
  retranslate();
}

void HistoryPanel::retranslate() {
  compare_->setText(tr("Compare"));
  compare_->setToolTip(tr("Play the two selected clips side by side"));
  list_->setToolTip(tr("Every generation of this session; click one to restore it"));
  list_->setAccessibleName(tr("History"));
  for (int i = 0; i < list_->count() && i < entries_.size(); ++i)
    list_->item(i)->setText(describe(entries_[i].settings));
}

void HistoryPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QString HistoryPanel::describe(const QJsonObject& s) const {
  return tr("%1\nseed %2 · %3 frames · %4 steps")
      .arg(s.value(QStringLiteral("prompt")).toString(),
           QString::number(s.value(QStringLiteral("seed")).toDouble(), 'f', 0))
      .arg(s.value(QStringLiteral("frames")).toInt())
      .arg(s.value(QStringLiteral("steps")).toInt());
}

void HistoryPanel::addEntry(const HistoryEntry& entry) {
  entries_.push_back(entry);
  const QImage thumb = entry.clip ? frameImage(*entry.clip, entry.clip->frames / 2) : QImage();
  auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumb)), describe(entry.settings));
  item->setToolTip(
      QString::fromUtf8(QJsonDocument(entry.settings).toJson(QJsonDocument::Indented)));
  list_->addItem(item);
  list_->scrollToBottom();
}

void HistoryPanel::clear() {
  entries_.clear();
  list_->clear();
}

void HistoryPanel::compare(int a, int b) {
  if (a < 0 || b < 0 || a >= entries_.size() || b >= entries_.size()) return;
  auto* dialog = new QDialog(this);
  dialog->setObjectName(QStringLiteral("compareDialog"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("Compare clips"));
  auto* layout = new QHBoxLayout(dialog);
  QVector<QVector<QImage>> frames;
  QVector<PreviewView*> views;
  for (int index : {a, b}) {
    auto* view = new PreviewView(dialog);
    view->setCaption(entries_[index].settings.value(QStringLiteral("prompt")).toString());
    layout->addWidget(view);
    views.push_back(view);
    frames.push_back(entries_[index].clip ? frameImages(*entries_[index].clip) : QVector<QImage>());
  }
  // One timer drives both views so they stay in step.
  auto* timer = new QTimer(dialog);
  const double fps = entries_[a].clip ? entries_[a].clip->fps : 8.0;
  timer->setInterval(static_cast<int>(1000 / std::max(1.0, fps)));
  auto frame = std::make_shared<int>(0);
  connect(timer, &QTimer::timeout, dialog, [views, frames, frame] {
    for (int i = 0; i < views.size(); ++i)
      if (!frames[i].isEmpty()) views[i]->setImage(frames[i][*frame % frames[i].size()]);
    ++*frame;
  });
  timer->start();
  dialog->resize(800, 420);
  dialog->show();
}

}  // namespace lanterna::ui
