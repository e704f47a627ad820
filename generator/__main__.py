"""`python -m generator ...`: the command line (generator/cli.py)."""

from generator.cli import run

run()
