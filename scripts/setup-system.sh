#!/bin/sh
# Install, with apt-get, the system packages a step needs and the machine lacks; nothing else.
#   setup-system.sh venv    python3-venv (a fresh Debian/Ubuntu has Python but not venv)
#   setup-system.sh test    Chromium, Java (W3C checker), poppler-utils (PDF checks), fonts, Node.js/npm
# Where apt cannot provide Chromium (Ubuntu ships it as a snap), Playwright's own build is fetched.
set -eu
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
need=""
case "${1:-test}" in
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
  .venv/bin/python -m playwright install chromium
fi
