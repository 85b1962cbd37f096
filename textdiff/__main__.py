"""``python -m textdiff``: the same command line as ``textdiff``."""

import sys

from textdiff.cli import main

if __name__ == "__main__":
    sys.exit(main())
