#!/bin/sh
# Make sure a Chromium the tests can drive is present: CHROMIUM_PATH, Debian's /usr/bin/chromium,
# or (where apt cannot help) Playwright's own download. Also Java for the W3C HTML checker and
# poppler-utils for PDF checks. Installs only what is missing.
set -eu
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
need=""
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then need="$need chromium"; fi
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
fc-list 2>/dev/null | grep -qi dejavu || need="$need fonts-dejavu-core"
if [ -n "$need" ]; then
  echo "installing:$need"
  if command -v apt-get >/dev/null 2>&1; then
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
  fi
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  # Ubuntu ships Chromium as a snap only; Playwright's own build works there.
  .venv/bin/python -m playwright install chromium
fi
