"""Who is who in one article: organisations, parks, alliances, people, places, policies, named events.
May import: cgt_cli.extract.lexicon, cgt_cli.read, cgt_cli.model."""
