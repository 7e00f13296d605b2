#include "panels/prompt_panel.h"

#include "widgets/prompt_edit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace lanterna::ui {

namespace {

const lanterna::Mode kModes[] = {lanterna::Mode::TextToVideo, lanterna::Mode::ImageToVideo,
                                 lanterna::Mode::Inpaint,     lanterna::Mode::Cinemagraph,
                                 lanterna::Mode::Outpaint,    lanterna::Mode::VideoToVideo,
                                 lanterna::Mode::Upscale};

}  // namespace

PromptPanel::PromptPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("promptPanel"));
  prompt_ = new PromptEdit(this);
  prompt_->setObjectName(QStringLiteral("prompt"));
  prompt_->setMinimumHeight(60);
  negative_ = new PromptEdit(this);
  negative_->setObjectName(QStringLiteral("negativePrompt"));
  negative_->setMaximumHeight(48);
  unknownLabel_ = new QLabel(this);
  unknownLabel_->setObjectName(QStringLiteral("unknownWords"));
  unknownLabel_->setWordWrap(true);
  unknownLabel_->setStyleSheet(QStringLiteral("color: #d0503c"));

  mode_ = new QComboBox(this);
  mode_->setObjectName(QStringLiteral("mode"));
  for (lanterna::Mode m : kModes)
    mode_->addItem(QString(), QString::fromStdString(lanterna::mode_name(m)));
  modeHint_ = new QLabel(this);
  modeHint_->setWordWrap(true);
  modeHint_->setObjectName(QStringLiteral("modeHint"));

  style_ = new QComboBox(this);
  style_->setObjectName(QStringLiteral("style"));
  style_->addItem(QString(), QString());
  styleStrength_ = new QDoubleSpinBox(this);
  styleStrength_->setRange(0, 1);
  styleStrength_->setSingleStep(0.05);
  styleStrength_->setValue(0.8);

  seed_ = new QSpinBox(this);
  seed_->setObjectName(QStringLiteral("seed"));
  seed_->setRange(0, 2147483647);
  lock_ = new QToolButton(this);
  lock_->setObjectName(QStringLiteral("seedLock"));
  lock_->setCheckable(true);
  lock_->setIcon(QIcon(QStringLiteral(":/icons/lock.svg")));
  dice_ = new QToolButton(this);
  dice_->setObjectName(QStringLiteral("seedDice"));
  dice_->setIcon(QIcon(QStringLiteral(":/icons/dice.svg")));

  // The boxes start at the engine's defaults.
  const lanterna::GenerationRequest defaults;
  frames_ = new QSpinBox(this);
  frames_->setObjectName(QStringLiteral("frames"));
  frames_->setRange(4, 80);
  frames_->setSingleStep(4);
  frames_->setValue(defaults.frames);
  fps_ = new QSpinBox(this);
  fps_->setRange(1, 60);
  fps_->setValue(defaults.fps);
  steps_ = new QSpinBox(this);
  steps_->setObjectName(QStringLiteral("steps"));
  steps_->setRange(1, 1000);
  steps_->setValue(defaults.steps);
  guidance_ = new QDoubleSpinBox(this);
  guidance_->setRange(1, 30);
  guidance_->setSingleStep(0.5);
  guidance_->setValue(defaults.guidance);
  sampler_ = new QComboBox(this);
  sampler_->addItem(QStringLiteral("DDIM"), QStringLiteral("ddim"));
  sampler_->addItem(QStringLiteral("DPM-Solver++ (2M)"), QStringLiteral("dpmpp2m"));
  sampler_->addItem(QStringLiteral("DDPM"), QStringLiteral("ddpm"));
  sampler_->setCurrentIndex(sampler_->findData(QString::fromStdString(defaults.sampler)));
  composeObjects_ = new QCheckBox(this);
  composeObjects_->setObjectName(QStringLiteral("composeObjects"));
  composeObjects_->setChecked(defaults.compose_objects);
  candidates_ = new QSpinBox(this);
  candidates_->setObjectName(QStringLiteral("candidates"));
  candidates_->setRange(1, 16);
  candidates_->setValue(defaults.candidates);
  editStrength_ = new QDoubleSpinBox(this);
  editStrength_->setRange(0, 1);
  editStrength_->setSingleStep(0.05);
  editStrength_->setValue(defaults.edit_strength);
  expand_ = new QSpinBox(this);
  expand_->setRange(0, 512);
  expand_->setValue(8);

  generate_ = new QPushButton(QIcon(QStringLiteral(":/icons/generate.svg")), QString(), this);
  generate_->setObjectName(QStringLiteral("generate"));
  generate_->setDefault(true);
  cancel_ = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), QString(), this);
  cancel_->setObjectName(QStringLiteral("cancel"));
  cancel_->setEnabled(false);

  auto* layout = new QVBoxLayout(this);
  auto label = [this](QWidget* buddy) {
    auto* l = new QLabel(this);
    l->setBuddy(buddy);
    labels_.append(l);
    return l;
  };
  layout->addWidget(label(prompt_));
  layout->addWidget(prompt_, 2);
  layout->addWidget(unknownLabel_);
  layout->addWidget(label(negative_));
  layout->addWidget(negative_, 1);
  auto* form = new QFormLayout;
  form->addRow(label(mode_), mode_);
  form->addRow(modeHint_);
  auto* styleRow = new QHBoxLayout;
  styleRow->addWidget(style_, 1);
  styleRow->addWidget(styleStrength_);
  form->addRow(label(style_), styleRow);
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(seed_, 1);
  seedRow->addWidget(lock_);
  seedRow->addWidget(dice_);
  form->addRow(label(seed_), seedRow);
  form->addRow(label(frames_), frames_);
  form->addRow(label(fps_), fps_);
  form->addRow(label(steps_), steps_);
  form->addRow(label(guidance_), guidance_);
  form->addRow(label(sampler_), sampler_);
  form->addRow(composeObjects_);
  form->addRow(label(candidates_), candidates_);
  form->addRow(label(editStrength_), editStrength_);
  form->addRow(label(expand_), expand_);
  layout->addLayout(form);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(generate_, 1);
  buttons->addWidget(cancel_);
  layout->addLayout(buttons);
  layout->addStretch();

  connect(prompt_, &PromptEdit::submitRequested, this, &PromptPanel::generateRequested);
  connect(negative_, &PromptEdit::submitRequested, this, &PromptPanel::generateRequested);
  connect(generate_, &QPushButton::clicked, this, &PromptPanel::generateRequested);
  connect(cancel_, &QPushButton::clicked, this, &PromptPanel::cancelRequested);
  connect(dice_, &QToolButton::clicked, this, [this] {
    seed_->setValue(static_cast<int>(QRandomGenerator::global()->bounded(1000000)));
  });
  connect(prompt_, &QPlainTextEdit::textChanged, this, [this] {
    updateUnknownWords();
    Q_EMIT changed();
  });
  connect(negative_, &QPlainTextEdit::textChanged, this, &PromptPanel::changed);
  connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
    updateModeWidgets();
    Q_EMIT modeChanged(mode());
    Q_EMIT changed();
  });
  for (QSpinBox* s : {seed_, frames_, fps_, steps_, candidates_, expand_})
    connect(s, &QSpinBox::valueChanged, this, &PromptPanel::changed);
  for (QDoubleSpinBox* s : {guidance_, editStrength_, styleStrength_})
    connect(s, &QDoubleSpinBox::valueChanged, this, &PromptPanel::changed);
  connect(sampler_, &QComboBox::currentIndexChanged, this, &PromptPanel::changed);
  connect(composeObjects_, &QCheckBox::toggled, this, &PromptPanel::changed);
  connect(style_, &QComboBox::currentIndexChanged, this, [this] {
    updateModeWidgets();
    Q_EMIT changed();
  });

  retranslate();
  updateModeWidgets();
}

void PromptPanel::retranslate() {
  const QStringList labels = {
      tr("&Prompt"),     tr("&Negative prompt"), tr("&Mode"),       tr("St&yle"),
      tr("S&eed"),       tr("&Frames"),          tr("FP&S"),        tr("S&teps"),
      tr("&Guidance"),   tr("Sa&mpler"),         tr("C&andidates"), tr("Edit st&rength"),
      tr("E&xpand (px)")};
  for (int i = 0; i < labels_.size() && i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  prompt_->setPlaceholderText(tr("a red circle moving right on a black background"));
  prompt_->setToolTip(tr("What to generate. Words the model does not know are underlined."));
  prompt_->setAccessibleName(tr("Prompt"));
  negative_->setPlaceholderText(tr("what to avoid (optional)"));
  negative_->setToolTip(tr("Negative prompt for classifier-free guidance"));
  negative_->setAccessibleName(tr("Negative prompt"));
  const QStringList modeNames = {tr("Text to video"), tr("Image to video"), tr("Inpaint"),
                                 tr("Cinemagraph"),   tr("Outpaint"),       tr("Video to video"),
                                 tr("Upscale")};
  for (int i = 0; i < mode_->count(); ++i) mode_->setItemText(i, modeNames.value(i));
  mode_->setToolTip(tr("What the generation starts from"));
  mode_->setAccessibleName(tr("Mode"));
  style_->setItemText(0, tr("None"));
  style_->setToolTip(tr("Style pack blended into the model's spatial weights"));
  style_->setAccessibleName(tr("Style"));
  styleStrength_->setToolTip(tr("Style strength: 0 is the base model, 1 the full style"));
  styleStrength_->setAccessibleName(tr("Style strength"));
  seed_->setToolTip(tr("Random seed: the same seed and settings give the same clip"));
  seed_->setAccessibleName(tr("Seed"));
  lock_->setToolTip(tr("Lock the seed (otherwise every generation rolls a new one)"));
  lock_->setAccessibleName(tr("Lock seed"));
  dice_->setToolTip(tr("Roll a random seed"));
  dice_->setAccessibleName(tr("Random seed"));
  frames_->setToolTip(tr("Number of frames, a multiple of 4 in the model's range"));
  frames_->setAccessibleName(tr("Frames"));
  fps_->setToolTip(tr("Frame rate of the clip"));
  fps_->setAccessibleName(tr("Frames per second"));
  steps_->setToolTip(tr("Sampling steps: more is slower and cleaner"));
  steps_->setAccessibleName(tr("Steps"));
  guidance_->setToolTip(tr("Classifier-free guidance: how strongly to follow the prompt"));
  guidance_->setAccessibleName(tr("Guidance"));
  sampler_->setToolTip(tr("Sampling method"));
  sampler_->setAccessibleName(tr("Sampler"));
  composeObjects_->setText(tr("Two objects one at a time"));
  composeObjects_->setToolTip(
      tr("Text to video without a style: a prompt naming two objects is generated one object "
         "at a time and composed, the first-named on top (twice the steps; the model alone "
         "mixes up two objects)"));
  composeObjects_->setAccessibleName(tr("Two objects one at a time"));
  candidates_->setToolTip(
      tr("Text to video: clips drawn for each object, of which the one the model denoises "
         "best under the prompt is kept (each one more pass of the steps; 1 = a single "
         "pass)"));
  candidates_->setAccessibleName(tr("Candidates"));
  editStrength_->setToolTip(
      tr("Video to video: 0 keeps the input clip, 1 ignores it (SDEdit noise level)"));
  editStrength_->setAccessibleName(tr("Edit strength"));
  expand_->setToolTip(tr("Outpaint: new border added on every side, in input pixels"));
  expand_->setAccessibleName(tr("Outpaint border"));
  generate_->setText(tr("Generate"));
  generate_->setToolTip(tr("Generate a clip (Ctrl+Return)"));
  cancel_->setText(tr("Cancel"));
  cancel_->setToolTip(tr("Stop the running generation (Esc)"));
  updateModeWidgets();
  updateUnknownWords();
}

void PromptPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void PromptPanel::updateModeWidgets() {
  const lanterna::Mode m = mode();
  editStrength_->setEnabled(m == lanterna::Mode::VideoToVideo);
  composeObjects_->setEnabled(m == lanterna::Mode::TextToVideo &&
                              style_->currentData().toString().isEmpty());
  candidates_->setEnabled(m == lanterna::Mode::TextToVideo);
  expand_->setEnabled(m == lanterna::Mode::Outpaint);
  QString hint;
  switch (m) {
    case lanterna::Mode::TextToVideo:
      hint = tr("Generates a clip from the prompt alone.");
      break;
    case lanterna::Mode::ImageToVideo:
      hint = tr("Animates the input image: it becomes the first frame.");
      break;
    case lanterna::Mode::Inpaint:
      hint = tr("Regenerates the painted region of the input; the rest is kept.");
      break;
    case lanterna::Mode::Cinemagraph:
      hint = tr("Animates only the painted region of the input image.");
      break;
    case lanterna::Mode::Outpaint:
      hint = tr("Extends the input beyond its borders.");
      break;
    case lanterna::Mode::VideoToVideo:
      hint = tr("Re-renders the input clip with the new prompt.");
      break;
    case lanterna::Mode::Upscale:
      hint = tr("Super-resolves the input clip.");
      break;
  }
  modeHint_->setText(hint);
}

void PromptPanel::updateUnknownWords() {
  const QStringList unknown = unknownWords();
  unknownLabel_->setText(
      unknown.isEmpty()
          ? QString()
          : tr("Not in the vocabulary (ignored): %1").arg(unknown.join(QStringLiteral(", "))));
  unknownLabel_->setVisible(!unknown.isEmpty());
}

void PromptPanel::setModelInfo(const ModelInfo& info) {
  info_ = info;
  QSet<QString> known(info.vocabulary.begin(), info.vocabulary.end());
  prompt_->setKnownWords(known);
  negative_->setKnownWords(known);
  if (info.valid) {
    const int value = frames_->value();
    frames_->setRange(info.minFrames, info.maxFrames);
    frames_->setValue(value);
  }
  const QString current = style_->currentData().toString();
  while (style_->count() > 1) style_->removeItem(1);
  for (const QString& s : info.styles) style_->addItem(s, s);
  style_->setCurrentIndex(std::max(0, style_->findData(current)));
  updateUnknownWords();
}

void PromptPanel::fillRequest(lanterna::GenerationRequest& r) const {
  r.mode = mode();
  r.prompt = prompt_->toPlainText().simplified().toStdString();
  r.negative_prompt = negative_->toPlainText().simplified().toStdString();
  r.seed = static_cast<uint64_t>(seed_->value());
  r.frames = frames_->value();
  r.fps = fps_->value();
  r.steps = steps_->value();
  r.guidance = guidance_->value();
  r.sampler = sampler_->currentData().toString().toStdString();
  r.style = style_->currentData().toString().toStdString();
  r.style_strength = styleStrength_->value();
  r.edit_strength = editStrength_->value();
  r.compose_objects = composeObjects_->isChecked();
  r.candidates = candidates_->value();
  r.expand = r.mode == lanterna::Mode::Outpaint ? expand_->value() : 0;
}

void PromptPanel::applyRequest(const lanterna::GenerationRequest& r) {
  setMode(r.mode);
  if (prompt_->toPlainText() != QString::fromStdString(r.prompt))
    prompt_->setPlainText(QString::fromStdString(r.prompt));
  if (negative_->toPlainText() != QString::fromStdString(r.negative_prompt))
    negative_->setPlainText(QString::fromStdString(r.negative_prompt));
  seed_->setValue(static_cast<int>(std::min<uint64_t>(r.seed, 2147483647)));
  if (r.frames < frames_->minimum() || r.frames > frames_->maximum())
    frames_->setRange(std::min(frames_->minimum(), r.frames),
                      std::max(frames_->maximum(), r.frames));
  frames_->setValue(r.frames);
  fps_->setValue(r.fps);
  steps_->setValue(r.steps);
  guidance_->setValue(r.guidance);
  const int sampler = sampler_->findData(QString::fromStdString(r.sampler));
  if (sampler >= 0) sampler_->setCurrentIndex(sampler);
  const int style = style_->findData(QString::fromStdString(r.style));
  style_->setCurrentIndex(std::max(0, style));
  styleStrength_->setValue(r.style_strength);
  editStrength_->setValue(r.edit_strength);
  composeObjects_->setChecked(r.compose_objects);
  candidates_->setValue(r.candidates);
  if (r.expand > 0) expand_->setValue(r.expand);
}

lanterna::Mode PromptPanel::mode() const {
  return lanterna::parse_mode(mode_->currentData().toString().toStdString());
}

void PromptPanel::setMode(lanterna::Mode m) {
  const int index = mode_->findData(QString::fromStdString(lanterna::mode_name(m)));
  if (index >= 0) mode_->setCurrentIndex(index);
}

void PromptPanel::prepareSeed() {
  if (!lock_->isChecked()) dice_->click();
}

void PromptPanel::setBusy(bool busy) {
  generate_->setEnabled(!busy);
  cancel_->setEnabled(busy);
}

QStringList PromptPanel::unknownWords() const {
  return info_.unknownWords(prompt_->toPlainText());
}

}  // namespace lanterna::ui
