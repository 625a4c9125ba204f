"""Reads: the journey read model, lookups for the UI and services, subtree capture/restore."""
