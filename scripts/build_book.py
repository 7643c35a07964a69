"""make book: validate data/, execute the notebooks, build and publish one edition."""
import sys

from plantrack.cli import build

sys.exit(build(sys.argv[1:]))
