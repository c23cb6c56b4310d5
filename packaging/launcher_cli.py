"""Entry point of the frozen command line (ketluan.exe, a console program beside KetLuan.exe)."""

import sys

from ketluan_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
