"""Across domains: the overview's charts and the six-month report (tasks and member procedures)."""
