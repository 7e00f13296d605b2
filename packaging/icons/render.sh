#!/usr/bin/env bash
# Renders the hicolor PNG icons from lanterna.svg. The PNGs are committed so a
# build needs no SVG renderer; run this after editing the SVG
# (apt install librsvg2-bin for rsvg-convert).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" lanterna.svg -o "lanterna-$size.png"
done
