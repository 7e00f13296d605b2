// Project files: NAME.lanterna is a JSON document (prompt, settings, input,
// mask, history, trim); the media it references (input frames, mask,
// history clips, as PNG) live in the sibling folder NAME.lanterna.d/. Both
// are written atomically: the folder is assembled beside its destination and
// swapped in, then the JSON is written to a temporary file and renamed.
#pragma once

#include "panels/history_panel.h"

#include <QImage>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace lanterna::ui {

struct ProjectState {
  QJsonObject settings;  // settingsToJson() of the prompt panel
  VideoPtr input;        // null = no input
  bool inputStill = true;
  QString inputPath;  // where the input came from
  QImage mask;        // null = no mask
  int maskRange = 0;  // MaskPanel::Range
  QVector<HistoryEntry> history;
  int current = -1;  // history entry on the timeline
  int in = 0;        // trim markers on the timeline
  int out = -1;
};

QString mediaFolderFor(const QString& projectPath);
// Both throw lanterna::Error naming the file.
void writeProject(const QString& path, const ProjectState& state);
ProjectState readProject(const QString& path);

}  // namespace lanterna::ui
