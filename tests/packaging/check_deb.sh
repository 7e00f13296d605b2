#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch root with dpkg -x and
# checks it: control fields, file list, desktop/metainfo/MIME/man validity, and
# that the unpacked lanterna-cli finds the models relative to its own prefix.
# usage: check_deb.sh CPACK CPACK_CONFIG WORK_DIR STUDIO(0|1) SOURCE_DIR
set -euo pipefail
CPACK=$1 CONFIG=$2 WORK=$3 STUDIO=$4 SOURCE=$5
fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/out" "$WORK/root" "$WORK/elsewhere"
"$CPACK" --config "$CONFIG" -G DEB -B "$WORK/out" >"$WORK/cpack.log" 2>&1 \
  || { cat "$WORK/cpack.log"; fail "cpack"; }
debs=("$WORK"/out/lanterna_*.deb)
[ "${#debs[@]}" = 1 ] && [ -f "${debs[0]}" ] || fail "expected one lanterna_*.deb in $WORK/out"
deb=${debs[0]}
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# Control fields.
dpkg-deb -f "$deb" Package | grep -qx lanterna || fail "Package"
dpkg-deb -f "$deb" Section | grep -qx video || fail "Section"
dpkg-deb -f "$deb" Maintainer | grep -q '@' || fail "Maintainer"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
dep_names=$(sed 's/ ([^)]*)//g; s/, */\n/g' <<<"$depends")
need=(libtorch1.13 libopenblas0-pthread libavcodec59 libavformat59 libavfilter8 libswscale6
      libopencv-core406 libopencv-imgcodecs406)
if [ "$STUDIO" = 1 ]; then
  need+=(libqt6widgets6 libqt6svg6 qt6-qpa-plugins libqcustomplot2.1-qt6)
fi
for p in "${need[@]}"; do
  grep -qxF "$p" <<<"$dep_names" || fail "Depends lacks $p"
done
# Every library the binaries link must come from a package in Depends.
dpkg-deb -x "$deb" "$WORK/root"
root=$WORK/root
bins=("$root/usr/bin/lanterna-cli")
if [ "$STUDIO" = 1 ]; then bins+=("$root/usr/bin/lanterna"); fi
if command -v objdump >/dev/null; then
  for lib in $(objdump -p "${bins[@]}" | awk '/NEEDED/{print $2}' | sort -u); do
    case $lib in libc.so.*|libm.so.*|ld-linux*) continue ;; esac
    path=$(ldconfig -p | awk -v l="$lib" '$1==l && !found {print $NF; found=1}')
    [ -n "$path" ] || fail "$lib not found on this system"
    pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -n "$pkg" ] || continue
    grep -qxF "$pkg" <<<"$dep_names" || fail "$lib comes from $pkg, not in Depends"
  done
fi

# File list.
files=(
  usr/bin/lanterna-cli
  usr/share/lanterna/models/base/model.json
  usr/share/lanterna/models/base/model.safetensors
  usr/share/lanterna/examples/still.png
  usr/share/applications/lanterna.desktop
  usr/share/metainfo/io.github.lanterna.Lanterna.metainfo.xml
  usr/share/mime/packages/lanterna.xml
  usr/share/icons/hicolor/scalable/apps/lanterna.svg
  usr/share/icons/hicolor/scalable/mimetypes/application-x-lanterna-project.svg
  usr/share/man/man1/lanterna-cli.1.gz
)
for s in 16 22 24 32 48 64 128 256; do files+=("usr/share/icons/hicolor/${s}x${s}/apps/lanterna.png"); done
if [ "$STUDIO" = 1 ]; then files+=(usr/bin/lanterna usr/share/man/man1/lanterna.1.gz); fi
for f in "${files[@]}"; do [ -f "$root/$f" ] || fail "missing /$f"; done
for b in "${bins[@]}"; do [ -x "$b" ] || fail "$b not executable"; done
if command -v file >/dev/null; then
  for s in 16 48 256; do
    file "$root/usr/share/icons/hicolor/${s}x${s}/apps/lanterna.png" | grep -q "$s x $s" \
      || fail "icon ${s}x${s} has the wrong size"
  done
fi
# Nothing outside /usr, nothing from the build tree.
extra=$(dpkg-deb -c "$deb" | awk '{print $NF}' | grep -Ev '^\./(usr/?.*)?$' || true)
[ -z "$extra" ] || fail "files outside /usr: $extra"
echo "files: $(dpkg-deb -c "$deb" | grep -vc '/$') in the package, all expected ones present"

# Validators, when installed (scripts/install-deps.sh installs them).
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/lanterna.desktop" || fail "desktop-file-validate"
  echo "desktop-file-validate: ok"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.lanterna.Lanterna.metainfo.xml" \
    || fail "appstreamcli validate"
fi
if command -v xmllint >/dev/null; then
  xmllint --noout "$root/usr/share/mime/packages/lanterna.xml" || fail "MIME XML"
fi
# The screenshots the metainfo names are files of the repository.
metainfo=$root/usr/share/metainfo/io.github.lanterna.Lanterna.metainfo.xml
shots=$(sed -n 's|.*<image>https://raw.githubusercontent.com/lanterna/lanterna/main/\(.*\)</image>.*|\1|p' "$metainfo")
[ -n "$shots" ] || fail "metainfo names no screenshot"
for f in $shots; do [ -f "$SOURCE/$f" ] || fail "screenshot $f is not in the repository"; done
grep -q 'glob pattern="\*\.lanterna"' "$root/usr/share/mime/packages/lanterna.xml" || fail "MIME glob"
grep -q '^MimeType=.*application/x-lanterna-project;' "$root/usr/share/applications/lanterna.desktop" \
  || fail "desktop file lacks the project MIME type"
if command -v groff >/dev/null; then
  for m in "$root"/usr/share/man/man1/*.1.gz; do
    warn=$(zcat "$m" | LC_ALL=C.UTF-8 groff -man -ww -z 2>&1)
    [ -z "$warn" ] || fail "man page $(basename "$m"): $warn"
  done
  echo "man pages: ok"
fi
# The man page documents every option each command's --help lists.
man_text=$(zcat "$root/usr/share/man/man1/lanterna-cli.1.gz" | sed 's/\\-/-/g')
missing=""
for c in generate info train eval bench world; do
  for o in $("$root/usr/bin/lanterna-cli" "$c" --help 2>&1 | sed -n 's/^ *\(--[a-z0-9-]*\).*/\1/p'); do
    grep -qE -- "${o}([^a-z0-9-]|\$)" <<<"$man_text" || missing+=" $c $o;"
  done
done
[ -z "$missing" ] || fail "lanterna-cli.1 lacks options listed by --help:$missing"

# The unpacked programs run from another folder and find their models relative
# to their prefix ($WORK/root/usr), not through the environment or the source tree.
cd "$WORK/elsewhere"
unset LANTERNA_MODELS
cli=$root/usr/bin/lanterna-cli
"$cli" generate --prompt "a red circle moving right on a black background" \
  --steps 1 --frames 16 --no-ssr --threads 2 --out clip.mp4 || fail "generate with the packaged models"
"$cli" info clip.mp4 | grep -q '"role":"base"' || fail "info: no settings in clip.mp4"
# Proof of where it looked: break the unpacked bundle; generate must now fail
# naming the unpacked models folder.
printf 'not a model' >"$root/usr/share/lanterna/models/base/model.safetensors"
if msg=$("$cli" generate --prompt "a red circle" --steps 1 --frames 16 --no-ssr --out bad.mp4 2>&1); then
  fail "generate succeeded with a broken packaged model: not reading $root/usr/share/lanterna/models"
fi
grep -qF "$root/usr/share/lanterna/models" <<<"$msg" \
  || fail "the error does not name the packaged models folder: $msg"
echo "lanterna-cli: found its models under the unpacked prefix"
if [ "$STUDIO" = 1 ]; then
  QT_QPA_PLATFORM=offscreen "$root/usr/bin/lanterna" --version | grep -q "0\." || fail "lanterna --version"
  echo "lanterna: runs"
fi
echo "packaging: ok"
