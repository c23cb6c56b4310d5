"""The tests' delaying proxy really adds its delay, and stops by itself when its time is up."""

from __future__ import annotations

import statistics
import time

import engines
import pytest
from latency_proxy import LatencyProxy

pytestmark = pytest.mark.pg_only


def test_a_query_through_the_proxy_takes_the_round_trip_it_was_given():
    import psycopg

    server = engines.server()
    with LatencyProxy(server.port, one_way_ms=10, max_seconds=30) as proxy:
        con = psycopg.connect(
            host="127.0.0.1", port=proxy.port, user=server.user, dbname="postgres", autocommit=True
        )
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            con.execute("SELECT 1").fetchone()
            times.append((time.perf_counter() - t0) * 1000)
        con.close()
    assert 19 <= statistics.median(times) < 80


def test_the_proxy_stops_by_itself_after_its_time():
    server = engines.server()
    proxy = LatencyProxy(server.port, one_way_ms=1, max_seconds=0.5)
    proxy.start()
    time.sleep(1.0)
    assert not proxy._running()
    proxy.stop()
    assert all(not t.is_alive() for t in proxy._threads)
