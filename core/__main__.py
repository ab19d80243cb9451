import sys

from ccedge.core.cli import main

sys.exit(main())
