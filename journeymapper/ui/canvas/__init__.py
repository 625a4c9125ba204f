"""The journey canvas: scene, items, view and mouse interactions."""
