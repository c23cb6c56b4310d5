"""Does the README's Linux try-it command install every system library Qt needs?

Qt's xcb platform plugin links against a dozen libxcb-* libraries that a fresh Debian 12 lacks, and
when one is missing Qt's own error blames another ("could not load the Qt platform plugin xcb").
This check reads the ``apt-get install`` list from the README's Linux block, runs ``ldd`` over the
Qt plugins and modules the application loads, and

1. fails on any library ``ldd`` reports "not found" on this machine;
2. on Debian/Ubuntu, maps each library to the package that ships it (``dpkg -S``) and fails unless
   that package is in the README's list, in what those packages pull in (``apt-cache depends
   --recurse``, recommends excluded: ``--no-install-recommends`` must still work) or in the base
   system (the packages of priority "required" that every Debian has).

Usage: ``python packaging/linux_libs.py [README.md]`` — prints what it checked, exits 1 on a gap;
``--packages`` prints the README's list (``.ci/run`` installs exactly that).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START, END = "<!-- linux-try-it -->", "<!-- /linux-try-it -->"

# What the application loads (QT_DEBUG_PLUGINS=1 on the running window, the file dialog and the
# offscreen screenshots), and the PySide6 modules it imports.
PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
    "iconengines/libqsvgicon.so",
    "imageformats/libqsvg.so",
    "imageformats/libqjpeg.so",
    "imageformats/libqico.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
)
MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport")


def readme_packages(readme: Path) -> list[str]:
    """The packages of the ``apt-get install`` in the README's Linux try-it block."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme.name} has no {START} … {END} block")
    block = text.split(START, 1)[1].split(END, 1)[0]
    m = re.search(r"apt-get install((?:[ \t]+[^\s&;|]+)+)", block)
    if not m:
        raise SystemExit(f"the {START} block of {readme.name} has no apt-get install")
    return [w for w in m.group(1).split() if not w.startswith("-")]


def qt_binaries() -> list[Path]:
    import PySide6

    root = Path(PySide6.__file__).parent
    found = [root / "Qt" / "plugins" / p for p in PLUGINS]
    found += [p for m in MODULES for p in root.glob(f"{m}.*so")]
    return [p for p in found if p.exists()]


def ldd(binary: Path) -> tuple[dict[str, str], list[str]]:
    """{soname: resolved path} of the libraries outside PySide6, and those not found."""
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False).stdout
    resolved, missing = {}, []
    for line in out.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+(.*?)\s+\(0x", line)
        if "not found" in line:
            missing.append(line.split()[0])
        elif m and "PySide6" not in m.group(2) and "shiboken6" not in m.group(2):
            resolved[m.group(1)] = m.group(2)
    return resolved, missing


def _names(path: str) -> set[str]:
    """The names dpkg may know a library by (merged /usr: /lib/… and /usr/lib/…, links resolved)."""
    names = {path, os.path.realpath(path)}
    for p in list(names):
        names.add(p.removeprefix("/usr") if p.startswith("/usr/lib") else "/usr" + p)
    return names


def packages_of(paths: list[str]) -> dict[str, str]:
    """{library path: the Debian package that ships it}, with one ``dpkg -S`` for them all."""
    wanted = {name: path for path in paths for name in _names(path)}
    r = subprocess.run(["dpkg", "-S", *sorted(wanted)], capture_output=True, text=True, check=False)
    found: dict[str, str] = {}
    for line in r.stdout.splitlines():
        pkg, _, name = line.partition(": ")
        if name.strip() in wanted and "diversion" not in pkg:
            found[wanted[name.strip()]] = pkg.split(",")[0].split(":")[0].strip()
    return found


def closure(packages: list[str]) -> set[str] | None:
    """The packages, and everything they depend on (pre-depends included, recommends not);
    ``None`` when apt knows no package lists (``apt-get update`` never ran)."""
    cmd = ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests",
           "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *packages]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    if "Depends:" not in out:
        return None
    names = set(packages)
    for line in out.splitlines():
        line = line.strip().lstrip("|")
        name = line.split(":", 1)[1].strip() if ":" in line else line
        if name and not name.startswith("<"):
            names.add(name.split(":")[0])
    return names


def base_system() -> set[str]:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${Priority}\n"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {p for p, _, prio in (x.partition("\t") for x in out.splitlines()) if prio == "required"}


def check(readme: Path = REPO / "README.md", out=sys.stdout) -> list[str]:
    """The problems found ([] when the README's list is enough)."""
    problems: list[str] = []
    wanted = readme_packages(readme)
    print(f"README installs: {' '.join(wanted)}", file=out)
    needs: dict[str, tuple[str, str]] = {}
    for binary in qt_binaries():
        resolved, missing = ldd(binary)
        problems += [f"{binary.name}: {lib} not found (ldd)" for lib in missing]
        for soname, path in resolved.items():
            needs.setdefault(soname, (path, binary.name))
    print(f"checked {len(qt_binaries())} Qt binaries, {len(needs)} system libraries", file=out)
    if not (shutil.which("dpkg") and shutil.which("apt-cache")):
        return problems
    readme_side, base_side = closure(wanted), closure(sorted(base_system()))
    if readme_side is None or base_side is None:
        print("apt has no package lists: the packages were not checked", file=out)
        return problems
    available = readme_side | base_side
    owners = packages_of([path for path, _ in needs.values()])
    for soname, (path, binary) in sorted(needs.items()):
        pkg = owners.get(path)
        if pkg is None:
            problems.append(f"{binary}: {soname} ({path}) belongs to no Debian package")
        elif pkg not in available:
            problems.append(
                f"{binary} needs {soname} from {pkg}, which the README does not install"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["--packages"]:  # for .ci/run: install exactly what the README says
        print(" ".join(readme_packages(Path(args[1]) if len(args) > 1 else REPO / "README.md")))
        return 0
    problems = check(Path(args[0]) if args else REPO / "README.md")
    for p in problems:
        print("MISSING:", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
