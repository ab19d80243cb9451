"""``python -m ccedge.rpc.protogen [OUT]``: regenerate the stubs."""

import sys

from ccedge.rpc.protogen import main

sys.exit(main(sys.argv[1:]))
