#!/usr/bin/env bash
# Build the one-folder bundle on Linux with the same spec as Windows, then run the frozen self-test
# from a folder whose name has Vietnamese characters. Prints the bundle's size, its largest parts and
# the frozen app's start-up time. Used by .ci/run; needs the package installed with the "build" extra.
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
python packaging/make_icon.py build/ketluan.ico
pyinstaller --noconfirm --log-level WARN packaging/ketluan.spec
t1=$(date +%s)
echo "PyInstaller build: $((t1 - t0)) s"

bundle=dist/KetLuan
echo "Bundle size: $(du -sm "$bundle" | cut -f1) MB"
echo "Largest parts:"
du -am "$bundle" | sort -rn | sed -n '2,11p'

check="$(mktemp -d)/Kiểm tra KếtLuận của Nguyễn"
mkdir -p "$check"
cd "$check"
export QT_QPA_PLATFORM=offscreen
python3 - "$OLDPWD/$bundle/KetLuan" <<'PY'
import subprocess, sys, time
exe = sys.argv[1]
t = time.perf_counter(); subprocess.run([exe, "--version"], check=True, capture_output=True)
print(f"Frozen start-up to --version: {time.perf_counter() - t:.2f} s")
PY
# Process start → main window painted, on the demo office (the same measure as for the source).
python3 "$OLDPWD/bench/bench_startup.py" 5 --exe "$OLDPWD/$bundle/KetLuan"
"$OLDPWD/$bundle/KetLuan" --self-test --report "$check/self-test.txt"
