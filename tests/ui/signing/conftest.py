"""Fixtures for the signing windows: test certificates made once per session, the demo office."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from signing_ui_support import pki, secrets

__all__ = ["pki", "secrets"]
