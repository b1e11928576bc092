"""Fixtures shared by the store and search tests."""

from __future__ import annotations

import sqlite3

import pytest

from extract.batch.ingest import run_ingest
from extract.storing.reader import StoreReader
from extract.storing.store import STORE_NAME
from tests.helpers import CORPUS


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory):
    """A store of the seed corpus, built once: tests only read it."""
    out = tmp_path_factory.mktemp("store")
    run_ingest([CORPUS], out)
    return out


@pytest.fixture
def db(store_dir):
    """The corpus store, as the queries read it."""
    connection = sqlite3.connect(store_dir / STORE_NAME)
    yield StoreReader(connection)
    connection.close()
