#!/usr/bin/env bash
# Runs the real workstation window from the shaded jar under a virtual X display for SECONDS
# (default 60) and reports whether it stayed up. Optional: needs Xvfb (apt-get install xvfb)
# and GTK 3 (libgtk-3-0). Not part of the test command, which needs no display.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
[ -f target/trident.jar ] || mvn -q -DskipTests package
set +e
xvfb-run -a -s "-screen 0 1366x768x24" timeout "$seconds" java -jar target/trident.jar gui --sample
rc=$?
set -e
if [ "$rc" -eq 124 ]; then echo "the workstation ran for ${seconds} s without failing"; exit 0; fi
echo "the workstation exited early with code $rc" >&2
exit 1
