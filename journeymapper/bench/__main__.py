import sys

from journeymapper.bench.runner import main

sys.exit(main())
