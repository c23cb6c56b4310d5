"""``python -m ketluan_desktop`` and the ``ketluan-desktop`` GUI script."""

import sys


def main() -> int:
    from ketluan_desktop.ui.app import main as gui_main

    return gui_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
