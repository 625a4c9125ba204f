"""The ``journeymapper`` command line: ``main`` and one module per command group."""

from journeymapper.cli.main import main

__all__ = ["main"]
