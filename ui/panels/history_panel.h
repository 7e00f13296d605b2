// History: every generation of the session with its thumbnail and settings.
// Clicking an entry restores it; selecting two and pressing Compare plays
// them side by side, in sync.
#pragma once

#include "engine/engine_types.h"

#include <QJsonObject>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace lanterna::ui {

struct HistoryEntry {
  VideoPtr clip;
  QJsonObject settings;
};

class HistoryPanel : public QWidget {
  Q_OBJECT
 public:
  explicit HistoryPanel(QWidget* parent = nullptr);
  void addEntry(const HistoryEntry& entry);
  void clear();
  int count() const { return static_cast<int>(entries_.size()); }
  const QVector<HistoryEntry>& entries() const { return entries_; }
  QListWidget* list() const { return list_; }
  // Opens the side-by-side view of entries a and b.
  void compare(int a, int b);

 Q_SIGNALS:
  void entryActivated(int index);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  QString describe(const QJsonObject& settings) const;

  QVector<HistoryEntry> entries_;
  QListWidget* list_;
  QPushButton* compare_;
};

}  // namespace lanterna::ui
