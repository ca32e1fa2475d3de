"""The store: SQLAlchemy 2.x models, engine setup and alembic migrations.

Nothing here imports PySide6; the same models run on SQLite (the desktop) and
PostgreSQL (the central hub).
"""
