"""The main window's workspaces: one per rail entry, built when first shown."""
