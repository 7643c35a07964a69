#!/bin/sh
# What the browser tests need besides .venv: Debian's chromium, and fonts-wqy-zenhei so that the
# screenshots show Chinese text. Run by `make test`: installs what is missing with apt-get when run
# as root; otherwise stops with the one command to run.
# CHROMIUM names the browser to look for (default: chromium on the PATH).
set -eu
missing=""
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 || missing="chromium"
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing="$missing fonts-wqy-zenhei"
missing="${missing# }"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "make test: the browser tests need $missing; install with: sudo apt-get install -y $missing" >&2
  exit 1
fi
echo "make test: installing $missing (apt-get)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086  # one word per package
apt-get install -y -qq $missing >/dev/null
