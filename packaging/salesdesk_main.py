"""Entry point of the PyInstaller bundles: the same program as the ``salesdesk`` command.

``SalesDesk --listen-worker ARGS`` runs the listening worker instead (a bundle has no
``python -m``: salesdesk.listen.supervisor starts the bundle as itself with that argument).
"""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["--listen-worker"]:
        from salesdesk.listen.worker import run_and_exit

        run_and_exit(sys.argv[2:])
    from salesdesk.cli import main

    sys.exit(main())
