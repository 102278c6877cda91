"""Briefing-site generator: structured YAML records of a conflict into cross-linked Markdown pages.

The pipeline is ``load -> model -> index -> render -> emit``; see ``generator.pipeline`` for the
one function that runs it, ``generator.emit.plugin`` for the MkDocs adapter and ``generator.cli`` for
the shell adapter.
"""

__version__ = "0.1.0"
