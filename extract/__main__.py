"""`python -m extract` runs the minutebook command."""

import sys

from extract.commands.cli import main

sys.exit(main())
