"""Indexing a corpus: load through the cache, build (link, assemble), store as SQLite, and query records.
May import: cgt_cli.extract, cgt_cli.read, cgt_cli.model, cgt_cli.errors; never views, Rich or Typer."""
