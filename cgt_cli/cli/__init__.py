"""The `cgt` command line: parse options, call the library, print once.

`base` holds the app, its global options and `command`; `options` the options
commands share; `shared` what they share besides (loading, formats, exit codes);
one module for each command. Heavy modules (OpenCC, the lexicons, Rich
renderables) are imported inside the commands, so `cgt --help` stays fast.
"""

from cgt_cli.cli.base import app

# isort: off
# Registered in the order `cgt --help` lists them.
from cgt_cli.cli import timeline, show, entities, grep, sources, index  # noqa: F401, E402
# isort: on


def main() -> None:
    app()
