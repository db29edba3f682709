#!/usr/bin/env bash
# System packages kinerja needs beyond PyPI, installed where apt-get is available (Debian).
#   chromium            headless browser for the audit-report render test
#   poppler-utils       pdftoppm / pdftotext, used to inspect and rasterise PDFs
#   tesseract-ocr(-ind) OCR for scanned PDF pages (Indonesian + English)
# Usage: scripts/install-system-deps.sh [package-group ...]   (groups: browser, pdf, ocr; default all)
set -euo pipefail
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(browser pdf ocr)
want=()
for g in "${groups[@]}"; do
  case "$g" in
    browser) command -v chromium >/dev/null 2>&1 || want+=(chromium) ;;
    pdf) command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils) ;;
    ocr) command -v tesseract >/dev/null 2>&1 || want+=(tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng) ;;
    *) echo "unknown group: $g" >&2; exit 2 ;;
  esac
done
[ ${#want[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "kinerja: apt-get not available; install ${want[*]} yourself for the full feature set" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
  echo "kinerja: not root and no sudo; install ${want[*]} yourself" >&2
  exit 0
fi
echo "kinerja: installing system packages: ${want[*]}" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
