// What the studio needs to know about a models folder without loading it on
// the UI thread: the text encoder's vocabulary (for underlining unknown
// words and completing prompts), the frame range and frame rate, the styles.
// Read from the bundles' model.json (plain JSON).
#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace lanterna::ui {

struct ModelInfo {
  bool valid = false;
  QString name;
  int resolution = 0;  // base model frame size
  int minFrames = 16;
  int maxFrames = 80;
  int fps = 8;
  bool hasSsr = false;
  QStringList vocabulary;  // words the text encoder knows
  QStringList styles;      // style packs under styles/

  static ModelInfo read(const QString& modelsDir);
  // Words of `prompt`, split as the engine's tokenizer does (lower case,
  // runs of letters and digits), that are not in the vocabulary.
  QStringList unknownWords(const QString& prompt) const;

 private:
  QSet<QString> known_;
};

// Splits like core's Tokenizer::split_words.
QStringList splitPromptWords(const QString& text);

// $LANTERNA_MODELS, else the installed share folder, else the source tree's
// resources/models (as lanterna-cli does).
QString defaultModelsDir();

}  // namespace lanterna::ui
