"""Extracting, one article at a time: page layout, dates, events, entities, roles, aliases (pure functions).
May import: cgt_cli.read, cgt_cli.model, cgt_cli.errors."""
