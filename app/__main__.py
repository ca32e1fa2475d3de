"""`python -m app` starts the desktop window (the same as `ideabank-gui`)."""

from app.ui.main import launch

launch()
