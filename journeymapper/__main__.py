import sys

from journeymapper.launch import run

sys.exit(run())
