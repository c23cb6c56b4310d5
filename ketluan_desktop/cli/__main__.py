import sys

from ketluan_desktop.cli import main

sys.exit(main())
