"""Reading: find the article files, decode them, normalize the text (pinyin, scripts), split sentences.
May import: cgt_cli.model and cgt_cli.errors only."""
