"""Fixtures for the importer tests. Helpers live in ``importer_support``, a module with a name of
its own so the tests import it without clashing with other folders' conftest modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from importer_support import SAMPLE

from ketluan_desktop.core.importer import ImportResult, parse_file


@pytest.fixture(scope="module")
def sample_result() -> ImportResult:
    return parse_file(SAMPLE)
