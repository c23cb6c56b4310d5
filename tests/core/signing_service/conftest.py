"""The fixtures live in ``signing_service_support``, a module with a name of its own so tests can
import its constants without clashing with other folders' conftest modules."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from signing_service_support import doc_id, images, pdfsig, pki

__all__ = ["doc_id", "images", "pdfsig", "pki"]
