"""`python -m app` starts the desktop window (the same as `ideabank-gui`)."""
import sys

from app.ui.main import main

sys.exit(main())
