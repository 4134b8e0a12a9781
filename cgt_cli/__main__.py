from cgt_cli.cli import main

main()
