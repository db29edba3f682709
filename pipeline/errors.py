"""Errors the command line turns into one-line messages, in a module that imports nothing
heavy: the CLI catches them around every command, including the unchanged re-run that never
imports DuckDB (pipeline/manifest.py)."""


class DatabaseError(Exception):
    """A database kinerja cannot use; the message is one line naming the file and what to do."""
