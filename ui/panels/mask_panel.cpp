#include "panels/mask_panel.h"

#include "engine/video_convert.h"
#include "widgets/mask_canvas.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanterna::ui {

MaskPanel::MaskPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("maskPanel"));
  canvas_ = new MaskCanvas(this);
  auto tool = [this](const char* name, const char* icon, bool checkable = false) {
    auto* b = new QToolButton(this);
    b->setObjectName(QLatin1String(name));
    b->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))));
    b->setCheckable(checkable);
    b->setAutoRaise(true);
    return b;
  };
  brush_ = tool("brush", "brush", true);
  eraser_ = tool("eraser", "eraser", true);
  brush_->setChecked(true);
  auto* tools = new QButtonGroup(this);
  tools->addButton(brush_);
  tools->addButton(eraser_);
  fill_ = tool("fillMask", "fill");
  clear_ = tool("clearMask", "clear");
  invert_ = tool("invertMask", "invert");
  overlay_ = tool("overlay", "image", true);
  overlay_->setChecked(true);
  undo_ = tool("undoMask", "undo");
  redo_ = tool("redoMask", "redo");
  size_ = new QSlider(Qt::Horizontal, this);
  size_->setObjectName(QStringLiteral("brushSize"));
  size_->setRange(1, 100);
  size_->setValue(canvas_->brushSize());
  feather_ = new QSlider(Qt::Horizontal, this);
  feather_->setObjectName(QStringLiteral("feather"));
  feather_->setRange(0, 100);
  feather_->setValue(static_cast<int>(canvas_->feather() * 100));
  range_ = new QComboBox(this);
  range_->setObjectName(QStringLiteral("maskRange"));
  range_->addItem(QString(), static_cast<int>(Range::AllFrames));
  range_->addItem(QString(), static_cast<int>(Range::InOut));
  sizeLabel_ = new QLabel(this);
  featherLabel_ = new QLabel(this);
  rangeLabel_ = new QLabel(this);

  auto* toolbar = new QHBoxLayout;
  for (QToolButton* b : {brush_, eraser_, fill_, clear_, invert_, overlay_, undo_, redo_})
    toolbar->addWidget(b);
  toolbar->addStretch();
  auto* grid = new QGridLayout;
  grid->addWidget(sizeLabel_, 0, 0);
  grid->addWidget(size_, 0, 1);
  grid->addWidget(featherLabel_, 1, 0);
  grid->addWidget(feather_, 1, 1);
  grid->addWidget(rangeLabel_, 2, 0);
  grid->addWidget(range_, 2, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(toolbar);
  layout->addWidget(canvas_, 1);
  layout->addLayout(grid);

  connect(brush_, &QToolButton::toggled, this, [this](bool on) {
    if (on) canvas_->setTool(MaskCanvas::Tool::Brush);
  });
  connect(eraser_, &QToolButton::toggled, this, [this](bool on) {
    if (on) canvas_->setTool(MaskCanvas::Tool::Eraser);
  });
  connect(size_, &QSlider::valueChanged, canvas_, &MaskCanvas::setBrushSize);
  connect(feather_, &QSlider::valueChanged, this,
          [this](int v) { canvas_->setFeather(v / 100.0); });
  connect(fill_, &QToolButton::clicked, canvas_, &MaskCanvas::fill);
  connect(clear_, &QToolButton::clicked, canvas_, &MaskCanvas::clear);
  connect(invert_, &QToolButton::clicked, canvas_, &MaskCanvas::invert);
  connect(overlay_, &QToolButton::toggled, canvas_, &MaskCanvas::setOverlayVisible);
  connect(undo_, &QToolButton::clicked, canvas_->undoStack(), &QUndoStack::undo);
  connect(redo_, &QToolButton::clicked, canvas_->undoStack(), &QUndoStack::redo);
  connect(canvas_->undoStack(), &QUndoStack::canUndoChanged, undo_, &QToolButton::setEnabled);
  connect(canvas_->undoStack(), &QUndoStack::canRedoChanged, redo_, &QToolButton::setEnabled);
  undo_->setEnabled(false);
  redo_->setEnabled(false);
  connect(canvas_, &MaskCanvas::maskChanged, this, &MaskPanel::changed);
  connect(range_, &QComboBox::currentIndexChanged, this, &MaskPanel::changed);
  retranslate();
}

void MaskPanel::retranslate() {
  brush_->setToolTip(tr("Brush: paint the region to regenerate or animate (B)"));
  brush_->setAccessibleName(tr("Brush"));
  brush_->setShortcut(QKeySequence(Qt::Key_B));
  eraser_->setToolTip(tr("Eraser: mark pixels to keep (E)"));
  eraser_->setAccessibleName(tr("Eraser"));
  eraser_->setShortcut(QKeySequence(Qt::Key_E));
  fill_->setToolTip(tr("Fill the whole mask"));
  fill_->setAccessibleName(tr("Fill mask"));
  clear_->setToolTip(tr("Clear the mask"));
  clear_->setAccessibleName(tr("Clear mask"));
  invert_->setToolTip(tr("Invert the mask"));
  invert_->setAccessibleName(tr("Invert mask"));
  overlay_->setToolTip(tr("Show the mask over the picture"));
  overlay_->setAccessibleName(tr("Show overlay"));
  undo_->setToolTip(tr("Undo the last mask edit"));
  undo_->setAccessibleName(tr("Undo mask edit"));
  redo_->setToolTip(tr("Redo the mask edit"));
  redo_->setAccessibleName(tr("Redo mask edit"));
  sizeLabel_->setText(tr("Size"));
  size_->setToolTip(tr("Brush diameter, in percent of the picture width"));
  size_->setAccessibleName(tr("Brush size"));
  featherLabel_->setText(tr("Feather"));
  feather_->setToolTip(tr("Softness of the brush edge"));
  feather_->setAccessibleName(tr("Feather"));
  rangeLabel_->setText(tr("Frames"));
  range_->setItemText(0, tr("All frames"));
  range_->setItemText(1, tr("In/out range only"));
  range_->setToolTip(tr("Which frames of the clip the mask applies to"));
  range_->setAccessibleName(tr("Mask frames"));
  canvas_->setToolTip(tr("Paint the region to regenerate (inpaint) or animate (cinemagraph)"));
  canvas_->setAccessibleName(tr("Mask canvas"));
}

void MaskPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

MaskPanel::Range MaskPanel::range() const {
  return static_cast<Range>(range_->currentData().toInt());
}

void MaskPanel::setRange(Range range) {
  range_->setCurrentIndex(range_->findData(static_cast<int>(range)));
}

lanterna::Video MaskPanel::maskVideo(int frames, int in, int out) const {
  const QImage mask = canvas_->mask().convertToFormat(QImage::Format_RGB888);
  if (range() == Range::AllFrames || frames <= 1) return toVideo({mask}, 8);
  QImage keep(mask.size(), QImage::Format_RGB888);
  keep.fill(Qt::black);
  QVector<QImage> perFrame;
  for (int i = 0; i < frames; ++i) perFrame.push_back(i >= in && i <= out ? mask : keep);
  return toVideo(perFrame, 8);
}

}  // namespace lanterna::ui
