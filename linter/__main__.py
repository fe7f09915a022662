from linter.cli.console import main

main()
