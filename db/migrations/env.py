"""Alembic environment: runs on the engine the application hands over (SQLite or PostgreSQL)."""
from alembic import context
from sqlalchemy import create_engine

import db.models  # noqa: F401  (registers every table)
from db.base import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` run by hand with -x url=...
    engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table copies for ALTER
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
