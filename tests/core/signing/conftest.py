"""The signing tests' fixtures live in ``signing_support``, a module with a name of its own so the
tests can import its helpers without clashing with other folders' conftest modules."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from signing_support import org_key, pki, signer_key, softhsm, vn_pdf

__all__ = ["org_key", "pki", "signer_key", "softhsm", "vn_pdf"]
