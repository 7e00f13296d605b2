// Shows one frame, scaled to fit with its aspect kept, plus a caption. Small
// frames (the 32x32 base estimates) are scaled without smoothing so the
// artist sees the actual pixels.
#pragma once

#include <QImage>
#include <QWidget>

namespace lanterna::ui {

class PreviewView : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewView(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  const QImage& image() const { return image_; }
  void setCaption(const QString& caption);
  void setPlaceholder(const QString& text);

 protected:
  void paintEvent(QPaintEvent* event) override;
  QSize sizeHint() const override { return {384, 384}; }

 private:
  QImage image_;
  QString caption_;
  QString placeholder_;
};

}  // namespace lanterna::ui
