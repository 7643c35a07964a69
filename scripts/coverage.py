"""make coverage: baseline, deadline, latest and national figures, evidence and searches per target."""
import sys

from plantrack.cli import coverage

sys.exit(coverage(sys.argv[1:]))
