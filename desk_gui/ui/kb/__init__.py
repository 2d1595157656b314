"""The knowledge-base window: search, read, edit, publish and retire, print, exchange articles."""
