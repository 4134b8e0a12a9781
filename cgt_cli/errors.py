"""The one place cgt's exit codes and its error type live."""

from __future__ import annotations

FOUND = 0
NOT_FOUND = 1
ERROR = 2
INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT


class CgtError(Exception):
    """A failure the user can act on: one line on stderr, then exit with `exit_code`."""

    def __init__(self, message: str, exit_code: int = ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def quoted(value: str, most: int = 60) -> str:
    """A user's value for a message: quoted, control characters escaped, cut when long."""
    return repr(value if len(value) <= most else value[:most] + "…")


def reason(error: BaseException) -> str:
    """What a system or SQLite error says, in cgt's lower case (`No such device` → `no such device`)."""
    text = getattr(error, "strerror", None) or str(error)
    word = text.split(" ", 1)[0]
    text = text[:1].lower() + text[1:] if word[:1].isupper() and word[1:].islower() else text  # not `UnpicklingError`
    return text if len(text) <= 200 else text[:199] + "…"
