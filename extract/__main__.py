"""`python -m extract` runs the minutebook command."""

import sys

from extract.cli import main

sys.exit(main())
