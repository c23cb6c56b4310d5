"""The document editor and what it needs: models, undo commands, the page, preview, panels."""
