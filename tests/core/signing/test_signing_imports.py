"""The signing package must stay cheap to import: pyHanko costs most of a second at start-up."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_signing_modules_loads_no_heavy_library():
    code = (
        "import sys\n"
        "import ketluan_desktop.core.signing.keys, ketluan_desktop.core.signing.certs\n"
        "import ketluan_desktop.core.signing.sign, ketluan_desktop.core.signing.verify\n"
        "import ketluan_desktop.core.signing.appearance\n"
        "heavy = [m for m in ('pyhanko', 'pkcs11', 'reportlab', 'aiohttp') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
