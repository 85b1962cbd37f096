"""``python -m textdiff``: the same command line as ``textdiff``."""

import sys

from textdiff.cli import main

sys.exit(main())
