"""One module per subcommand of `python -m game`; each has `main(argv) -> int`."""
