// Mask-painting canvas: paint over the input image (or the current frame)
// with a soft brush or eraser. The mask is 8-bit grey at the background's
// size: white = regenerate / animate, black = keep, as core expects. Every
// stroke, fill, clear and invert is a QUndoCommand on undoStack().
#pragma once

#include <QImage>
#include <QUndoStack>
#include <QWidget>

namespace lanterna::ui {

class MaskCanvas : public QWidget {
  Q_OBJECT
 public:
  enum class Tool { Brush, Eraser };
  explicit MaskCanvas(QWidget* parent = nullptr);

  // A new background of another size starts a new, empty mask (and clears
  // the undo history); the same size keeps the mask.
  void setBackground(const QImage& image);
  const QImage& background() const { return background_; }
  const QImage& mask() const { return mask_; }
  // Replaces the mask without undo (loading a project); a null image clears it.
  void setMask(const QImage& mask);
  bool isMaskEmpty() const;
  // Fraction of mask pixels that are painted (>= 128).
  double coverage() const;
  QUndoStack* undoStack() { return &undo_; }

  Tool tool() const { return tool_; }
  void setTool(Tool tool) { tool_ = tool; }
  // Brush diameter as a percentage of the mask width, 1..100.
  void setBrushSize(int percent) { brushPercent_ = percent; }
  int brushSize() const { return brushPercent_; }
  // Soft edge as a fraction of the radius, 0..1.
  void setFeather(double feather) { feather_ = feather; }
  double feather() const { return feather_; }
  void setOverlayVisible(bool visible);
  bool overlayVisible() const { return overlay_; }

  void fill();
  void clear();
  void invert();
  // Where the mask is shown, in widget coordinates.
  QRectF imageRect() const;
  QPointF toImage(const QPointF& widgetPos) const;
  QPointF toWidget(const QPointF& imagePos) const;

  // Used by the undo commands.
  void replaceMask(const QImage& mask);

 Q_SIGNALS:
  void maskChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  QSize sizeHint() const override { return {320, 320}; }

 private:
  void dab(const QPointF& center);
  void strokeTo(const QPointF& imagePos);
  void pushChange(const QImage& before, const QString& text);

  QImage background_;
  QImage mask_;  // Format_Grayscale8
  QUndoStack undo_;
  Tool tool_ = Tool::Brush;
  int brushPercent_ = 12;
  double feather_ = 0.5;
  bool overlay_ = true;
  bool stroking_ = false;
  QImage strokeBefore_;
  QPointF last_;
};

}  // namespace lanterna::ui
