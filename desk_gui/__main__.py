"""Entry point for ``python -m desk_gui``."""

from desk_gui.app import main

raise SystemExit(main())
