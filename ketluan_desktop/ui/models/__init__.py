"""Qt item models over the core services (lazy, windowed where lists are long)."""
