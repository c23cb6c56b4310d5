"""Screens of the members workspace: dashboard, member list, procedures, figures and registers."""
