"""``python -m corpus_utils``: see :mod:`corpus_utils.cli`."""

import sys

from corpus_utils.cli import main

sys.exit(main())
