"""Entry point of the PyInstaller bundles: the same program as the ``salesdesk`` command."""

import sys

from salesdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
