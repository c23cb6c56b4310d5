"""The engine of a database server (PostgreSQL): connection settings that suit an office network."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine

# A server that vanishes (cable pulled) is noticed within about 20 s instead of hanging on a dead
# socket; a server that does not answer at all fails the connection after 10 s.
PG_CONNECT_ARGS = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 2,
    "application_name": "KetLuan Desktop",
}

# A screen's refresh gathers its reads side by side (core/db/gathering.py), each on a connection
# of its own, beside the background lanes and the change listener: eight stay open (idle ones
# cost the server little), a burst may open a few more for a while.
POOL_SIZE = 8
MAX_OVERFLOW = 8


def create_server_engine(url) -> Engine:
    """No ping before each use (on a 20 ms network it would add a round trip to every session):
    a connection the server dropped fails once, SQLAlchemy then renews the whole pool, and the
    change watcher renews it as soon as it sees the server back."""
    from ketluan_desktop.core.db import cancel

    args = PG_CONNECT_ARGS if url.get_backend_name() == "postgresql" else {}
    # hide_parameters: an error's message (and so the log) never carries member data.
    pool = {"pool_size": POOL_SIZE, "max_overflow": MAX_OVERFLOW}
    if url.get_backend_name() == "sqlite":  # a server URL in name only (tests): its own pool
        pool = {}
    engine = create_engine(url, connect_args=dict(args), hide_parameters=True, **pool)
    cancel.install(engine)  # a superseded screen query is cancelled on the server
    return engine
