#!/usr/bin/env bash
# Re-renders grammar/sample.png from grammar/sample.zng: shiki with the
# TextMate grammar, then a headless Chromium screenshot.
# Needs `npm ci` in grammar/ and Chromium (Debian: apt-get install chromium).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
html=$(mktemp --suffix=.html)
trap 'rm -f "$html"' EXIT
lines=$(wc -l < "$here/sample.zng")
node "$here/scripts/render-sample.mjs" "$here/sample.zng" "$html"
# 15px font at 1.45 line height, plus padding.
height=$(( lines * 22 + 40 ))
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=760,"$height" --screenshot="$here/sample.png" "file://$html"
