"""Showing results: terminal views (Rich), JSON records, labels. Formatting only, no computing.
May import: cgt_cli.index's records, cgt_cli.read, cgt_cli.model, cgt_cli.errors."""
