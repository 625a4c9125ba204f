"""Dialogs: import with preview, PDF export."""
