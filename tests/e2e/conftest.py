"""The clerk's office of tests/e2e/test_clerk_week.py (tests/helpers/clerk_office.py)."""

from clerk_office import clerk_week

__all__ = ["clerk_week"]
