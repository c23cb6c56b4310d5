"""The meeting form and its tables."""
