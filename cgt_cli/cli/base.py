"""The Typer app, its global options, and `command`: how every command runs.

A command's CgtError becomes one line on stderr and its exit code; Ctrl-C, a
closed pipe and a bug each end it with one line too. The state of the running
command (what it has said, the stores it opened, --debug, --color) lives here.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from cgt_cli.cli.options import ColorOption, DebugOption
from cgt_cli.errors import ERROR, FOUND, INTERRUPTED, CgtError

DEBUG_HINT = " (run with --debug for details)"


class _Group(TyperGroup):
    """Click's own errors (a bad option value, a missing argument) in cgt's one line."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        if sys.stderr is None:  # closed: diagnostics are lost, never mixed into the output
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _ClickError as error:
            code = error.exit_code
            message = error.format_message().rstrip(".")
            if "\n" in message:  # `cgt` alone: the help page
                error.show()
            else:
                command = getattr(getattr(error, "ctx", None), "command_path", None)
                warn(message[:1].lower() + message[1:] + (f" (see {command} --help)" if command else ""))
        except (typer.Abort, KeyboardInterrupt):
            code = INTERRUPTED
        if code == INTERRUPTED:  # also when Typer turned a Ctrl-C into this code
            interrupted()
        sys.exit(code if isinstance(code, int) else FOUND)


_ClickError = typer.BadParameter.__mro__[2]  # ClickException: Click's usage and parameter errors


app = typer.Typer(
    cls=_Group,
    name="cgt",
    help="Timelines and facts from Chinese cell and gene therapy (CGT) news.\n\n"
    "Reads a folder of articles (Simplified or Traditional, UTF-8/GBK/Big5/UTF-16) "
    "and answers: what happened when, who is who, and where each fact was said. "
    "Without --corpus, cgt reads its bundled seed articles.",
    epilog="Examples:  cgt timeline  ·  cgt show 山东大学  ·  cgt grep CDMO --source  ·  "
    "cgt sources --corpus ~/news/\n\n"
    "Exit codes: 0 found, 1 nothing found, 2 error (a skipped file also ends the run with 2; "
    "a notice, such as an article of over 10,000 dated sentences read only in part, does not).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

def _version(value: bool) -> None:
    if value:
        from cgt_cli import __version__

        print(f"cgt {__version__}")
        raise typer.Exit(FOUND)


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: DebugOption = False,
    color: ColorOption = None,
) -> None:
    """Timelines and facts from Chinese cell and gene therapy (CGT) news."""
    debugging[:] = [debug]
    warned.clear()
    try:
        coloring[:] = [_color_choice(color)]
    except CgtError as error:
        warn(error.message)
        raise typer.Exit(error.exit_code) from None


opened: list = []  # stores the running command reads from
warned: set[str] = set()  # what the running command has said on stderr
debugging: list[bool] = [False]  # --debug given before or after the command, or CGT_DEBUG
cache_mode: list[str] = ["use"]  # how the running command uses the persistent index (`cache.recover`)
coloring: list[str] = ["auto"]  # --color given before or after the command


def command(function):
    """Register a command whose CgtError becomes one line on stderr and its exit code.

    Every command also takes --debug. A damaged persistent index costs one
    rebuild (of the corpus, or of the file), then the command runs without it
    (see `cache.recover`), with one warning each time.
    """

    @functools.wraps(function)
    def run(*args, debug: bool = False, color: str | None = None, **kwargs):
        import sqlite3

        from cgt_cli.index.cache import recover
        from cgt_cli.index.store import Damaged
        from cgt_cli.read.files import shown_path

        warned.clear()
        debugging[0] = debugging[0] or debug
        kwargs = {name: shown_path(value) if isinstance(value, str) else value for name, value in kwargs.items()}
        try:
            if color is not None:
                coloring[0] = _color_choice(color)
            cache_mode[0] = "use"
            while True:
                try:
                    return function(*args, **kwargs)
                except (Damaged, sqlite3.Error) as error:
                    if cache_mode[0] == "none":
                        raise  # not the cache's: a bug
                    close_opened(forget=isinstance(error, Damaged))
                    cache_mode[0], message = recover(error, cache_mode[0])
                    warn(message)
        except CgtError as error:
            warn(error.message)
            raise typer.Exit(error.exit_code) from None
        except typer.Exit:
            raise
        except KeyboardInterrupt:
            raise typer.Exit(interrupted()) from None
        except BrokenPipeError:  # the reader went away (`cgt timeline | head`): stop quietly, like grep
            sys.stdout = None
            raise typer.Exit(ERROR) from None
        except Exception as error:  # a bug: one line, the traceback only with --debug
            if debugging[0]:
                import traceback

                traceback.print_exc(file=sys.stderr)
            warn(f"internal error: {type(error).__name__}: {error}{DEBUG_HINT}")
            raise typer.Exit(ERROR) from None
        finally:
            close_opened()

    signature = inspect.signature(function, eval_str=True)
    debug = inspect.Parameter("debug", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=DebugOption)
    color = inspect.Parameter("color", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ColorOption)
    run.__signature__ = signature.replace(parameters=[*signature.parameters.values(), debug, color])
    run.__annotations__ = {**function.__annotations__, "debug": DebugOption, "color": ColorOption}
    return app.command()(run)



def _color_choice(value: str | None) -> str:
    from cgt_cli.output import color_choice

    return color_choice(value)



def close_opened(forget: bool = False) -> None:
    import sqlite3

    while opened:
        store = opened.pop()
        try:
            if forget:
                store.forget()
        except sqlite3.Error:
            pass  # the next load finds the damage again
        finally:
            store.close()



def interrupted() -> int:
    """Ctrl-C: one line, exit 130; a second Ctrl-C while cleaning up is ignored."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warn("interrupted")
    return INTERRUPTED


def warn(message: str) -> None:
    """One line on stderr, once per command run."""
    from cgt_cli.views.styled import safe

    if message not in warned:
        warned.add(message)
        print(f"cgt: {safe(message)}", file=sys.stderr)

