"""kinerja: Indonesian government performance reports → a queryable, checkable DuckDB database."""

__version__ = "0.1.0"
