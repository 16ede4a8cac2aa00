"""The command line: `python -m medmassage check | due | schema | new | render | finish | verify | links`."""

from .main import main

__all__ = ["main"]
