#!/usr/bin/env bash
# Installs the real Prometheus that the analysis tests (JUnit tag "prometheus") start themselves:
# Debian's package provides /usr/bin/prometheus and /usr/bin/promtool. The package's own service
# is not used (these machines have no systemd running); tests start the binary on a free
# loopback port with data they backfilled.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  echo "prometheus already installed: $(prometheus --version 2>&1 | head -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends prometheus

# The package may start its service where systemd runs; the tests need none of it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl stop prometheus || true
fi

command -v prometheus >/dev/null && command -v promtool >/dev/null || {
  echo "prometheus or promtool still missing after apt-get install prometheus" >&2
  exit 1
}
echo "installed: $(prometheus --version 2>&1 | head -1)"
