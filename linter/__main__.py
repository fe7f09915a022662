from linter.cli.app import main

main()
