"""The `cgt` command (and `python -m cgt_cli`). Ctrl-C at any moment, even while the
command line is still being imported, ends it with one line and exit code 130."""


def main() -> None:
    try:
        from cgt_cli.cli import main as run

        run()
    except KeyboardInterrupt:
        import signal
        import sys

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write("cgt: interrupted\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
