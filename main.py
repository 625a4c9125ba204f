"""Launch the Journey Mapper desktop application."""

import sys

from journeymapper.ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
