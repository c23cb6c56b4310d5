"""Entry point of the frozen GUI (KetLuan.exe)."""

import sys

from ketluan_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
