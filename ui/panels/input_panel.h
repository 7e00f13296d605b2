// Image-drop panel: the still or clip a generation starts from. Drag a file
// from the file manager, open it or paste it; the panel shows the thumbnail
// with the square crop the model will see, the size, and what happens to it.
// A Lanterna export carries its settings, which the panel reports so the
// window can restore them.
#pragma once

#include "engine/engine_types.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;

namespace lanterna::ui {

class InputPanel : public QWidget {
  Q_OBJECT
 public:
  explicit InputPanel(QWidget* parent = nullptr);

  // Reads an image, a clip or a PNG-sequence folder. On failure shows
  // nothing new and returns false with the core's message in `error`.
  bool loadFile(const QString& path, QString* error = nullptr);
  void setImage(const QImage& image, const QString& label = QString());
  void setClip(const VideoPtr& clip, bool still, const QString& path);
  void clear();

  bool hasInput() const { return static_cast<bool>(clip_); }
  bool isStill() const { return still_; }
  const VideoPtr& clip() const { return clip_; }
  QImage firstFrame() const;
  QString path() const { return path_; }
  QString sha256() const { return sha256_; }
  void setModelSizes(int modelSize, int outputSize);
  QString explanation() const;

 Q_SIGNALS:
  void inputChanged();
  // A dropped or opened Lanterna export: the settings it was made with.
  void settingsFound(const QJsonObject& settings);
  void loadFailed(const QString& message);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateView();
  void openFile();
  void paste();

  VideoPtr clip_;
  bool still_ = true;
  QString path_;
  QString sha256_;
  int modelSize_ = 32;
  int outputSize_ = 128;
  QLabel* thumbnail_;
  QLabel* info_;
  QPushButton* open_;
  QPushButton* paste_;
  QPushButton* clear_;
};

}  // namespace lanterna::ui
