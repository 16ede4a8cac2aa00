"""The content model of the medical massage site: loading, validation, the link graph, rendering.

Nothing here imports MkDocs: `hooks.py` adapts MkDocs events to this package, and
`python -m medmassage check` runs the same checks on its own.
"""

__version__ = "1.0.0"
