"""make validate: check data/ and print targets by area and kind."""
import sys

from plantrack.cli import validate

sys.exit(validate())
