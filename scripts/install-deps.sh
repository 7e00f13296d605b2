#!/usr/bin/env bash
# Installs every Debian 12 package Lanterna needs to build, test and package.
# Run as root (or with sudo). Safe to run again.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build ccache pkg-config git clang-format \
  libtorch-dev libgloo-dev libopenblas0-pthread \
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools \
  qt6-svg-dev libqt6svg6 qt6-image-formats-plugins \
  libqcustomplot-dev libqcustomplot2.1-qt6 \
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libavfilter-dev \
  libswresample-dev ffmpeg \
  libopencv-dev nlohmann-json3-dev \
  python3 python3-torch python3-numpy \
  xvfb xauth desktop-file-utils appstream dpkg-dev file >/dev/null
# LibTorch links the generic libblas.so.3; OpenBLAS (pthread) makes GEMM ~50x faster.
blas=$(ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 2>/dev/null || true)
if [ -n "$blas" ]; then
  $SUDO update-alternatives --set libblas.so.3-x86_64-linux-gnu "$blas" >/dev/null
fi
echo "install-deps: done"
