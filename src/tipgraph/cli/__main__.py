"""``python -m tipgraph.cli``: the same as the ``tipgraph`` command."""

import sys

from tipgraph.cli import main

sys.exit(main(prog_name="tipgraph"))
