"""The Charts dock: one class per chart."""
