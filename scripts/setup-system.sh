#!/bin/sh
# Install, with apt-get, the system packages a step needs and the machine lacks; nothing else.
#   setup-system.sh make    make itself (for .ci/run on a bare machine)
#   setup-system.sh venv    python3-venv (a fresh Debian/Ubuntu has Python but not venv)
#   setup-system.sh test    Chromium, Java (W3C checker), poppler-utils (PDF checks), fonts, Node.js/npm
# Where apt cannot provide Chromium (Ubuntu ships it as a snap), set CHROMIUM_PATH to a Chromium or
# Chrome the machine has; nothing is downloaded outside the package manager.
set -eu
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
need=""
case "${1:-test}" in
  make)
    command -v make >/dev/null 2>&1 || need="make" ;;
  venv)
    python3 -c 'import ensurepip, venv' 2>/dev/null || need="python3-venv" ;;
  test)
    if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then need="$need chromium"; fi
    command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
    command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
    command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
    fc-list 2>/dev/null | grep -qi "liberation\|dejavu" || need="$need fonts-liberation fonts-dejavu-core" ;;
esac
if [ -n "$need" ]; then
  echo "installing:$need"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
if [ "${1:-test}" = test ] && [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup-system.sh: no Chromium at /usr/bin/chromium after installing the 'chromium' package;" >&2
  echo "  install Chromium or Chrome and set CHROMIUM_PATH to it, e.g. CHROMIUM_PATH=/usr/bin/google-chrome" >&2
  exit 1
fi
