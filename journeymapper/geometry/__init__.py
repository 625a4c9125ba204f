"""Shared geometry: one layout, text fitting and palette for canvas, PDF and images."""
