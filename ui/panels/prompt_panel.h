// Prompt panel: prompt and negative prompt, mode, style, seed and sampling
// settings, Generate and Cancel. Reads and writes a GenerationRequest.
#pragma once

#include "engine/model_info.h"
#include "engine/request.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace lanterna::ui {

class PromptEdit;

class PromptPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PromptPanel(QWidget* parent = nullptr);

  void setModelInfo(const ModelInfo& info);
  // Copies the panel's settings into `request` (inputs are left alone).
  void fillRequest(lanterna::GenerationRequest& request) const;
  // Shows the settings of `request` (mode, prompt, seed, ...).
  void applyRequest(const lanterna::GenerationRequest& request);

  lanterna::Mode mode() const;
  void setMode(lanterna::Mode mode);
  // Before a run: a new random seed unless the seed is locked.
  void prepareSeed();
  void setBusy(bool busy);
  QStringList unknownWords() const;

  PromptEdit* promptEdit() const { return prompt_; }
  PromptEdit* negativeEdit() const { return negative_; }
  QComboBox* modeBox() const { return mode_; }
  QSpinBox* seedBox() const { return seed_; }
  QToolButton* seedLock() const { return lock_; }
  QSpinBox* framesBox() const { return frames_; }
  QSpinBox* stepsBox() const { return steps_; }
  QPushButton* generateButton() const { return generate_; }
  QPushButton* cancelButton() const { return cancel_; }

 Q_SIGNALS:
  void generateRequested();
  void cancelRequested();
  void modeChanged(lanterna::Mode mode);
  void changed();  // any setting or text edited

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateModeWidgets();
  void updateUnknownWords();

  ModelInfo info_;
  PromptEdit* prompt_;
  PromptEdit* negative_;
  QLabel* unknownLabel_;
  QComboBox* mode_;
  QLabel* modeHint_;
  QComboBox* style_;
  QDoubleSpinBox* styleStrength_;
  QSpinBox* seed_;
  QToolButton* lock_;
  QToolButton* dice_;
  QSpinBox* frames_;
  QSpinBox* fps_;
  QSpinBox* steps_;
  QDoubleSpinBox* guidance_;
  QComboBox* sampler_;
  QCheckBox* composeObjects_;
  QSpinBox* candidates_;
  QDoubleSpinBox* editStrength_;
  QSpinBox* expand_;
  QPushButton* generate_;
  QPushButton* cancel_;
  QList<QLabel*> labels_;
};

}  // namespace lanterna::ui
