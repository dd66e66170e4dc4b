"""The hand-in service's database: SQLite in WAL mode, every hand-in kept with its time and hub user, nothing
overwritten.

The schema has a version (SQLite's `user_version`); `MIGRATIONS[n]` takes a database from version n to n + 1, and
`open_store` applies the missing ones in one transaction each, so a service started on an older database upgrades
it and keeps every row. Only the service writes here; the hub user comes from the hub, never from a posted body.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "handins.sqlite"
HANDIN, PROGRESS = "handin", "progress"      # a pressed "Hand in my work"; answers sent as they are saved

# Each entry takes the schema from its index to the next version. Append, never edit a released step.
MIGRATIONS = (
    # 0 -> 1: the hand-ins, as received.
    """CREATE TABLE handins (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           hub_user TEXT NOT NULL,          -- who sent it, as the hub identified them
           case_id TEXT NOT NULL,
           received TEXT NOT NULL,          -- the service's clock, UTC ISO 8601
           claimed_name TEXT NOT NULL,      -- the name the document carried (kept to show, never trusted)
           document TEXT NOT NULL           -- the stored hand-in, JSON, its student set to hub_user
       );
       CREATE INDEX handins_by_user ON handins (hub_user, id);""",
    # 1 -> 2: answers sent as they are saved (a class setting) are kept apart from pressed hand-ins.
    """ALTER TABLE handins ADD COLUMN kind TEXT NOT NULL DEFAULT 'handin';
       CREATE INDEX handins_by_case ON handins (case_id, kind, id);""",
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredHandin:
    id: int
    hub_user: str
    case_id: str
    received: str
    claimed_name: str
    kind: str
    document: dict


class Store:
    """One connection, used by one service process; a lock keeps writes from tornado's threads apart."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._connection = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA synchronous=FULL")      # a hand-in the service answered 201 is on disk
        self._connection.execute("PRAGMA busy_timeout=5000")
        self._lock = threading.Lock()
        self.migrate()

    @property
    def version(self) -> int:
        return self._connection.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> int:
        """Apply the missing migrations; returns the schema version. A database newer than this kit is refused."""
        with self._lock:
            current = self.version
            if current > SCHEMA_VERSION:
                raise RuntimeError(f"{self.path} has schema version {current}; this kit reads up to "
                                   f"{SCHEMA_VERSION}. Upgrade the kit, never the other way round.")
            for version in range(current, SCHEMA_VERSION):
                self._connection.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[version]}; PRAGMA user_version = {version + 1}; COMMIT;")
        return self.version

    def add(self, hub_user: str, case_id: str, received: str, claimed_name: str, document: dict,
            kind: str = HANDIN) -> int:
        """Keep one hand-in; returns its id. Never replaces a row."""
        text = json.dumps(document, ensure_ascii=False, sort_keys=True)
        with self._lock:
            cursor = self._connection.execute(
                "INSERT INTO handins (hub_user, case_id, received, claimed_name, document, kind) "
                "VALUES (?, ?, ?, ?, ?, ?)", (hub_user, case_id, received, claimed_name, text, kind))
            return cursor.lastrowid

    def _rows(self, where: str = "", params: tuple = ()) -> list:
        query = ("SELECT id, hub_user, case_id, received, claimed_name, kind, document FROM handins "
                 f"{where} ORDER BY id")
        with self._lock:
            rows = self._connection.execute(query, params).fetchall()
        return [StoredHandin(*row[:6], json.loads(row[6])) for row in rows]

    def of_user(self, hub_user: str) -> list:
        return self._rows("WHERE hub_user = ?", (hub_user,))

    def of_case(self, case_id: str, kinds=(HANDIN,)) -> list:
        marks = ",".join("?" * len(kinds))
        return self._rows(f"WHERE case_id = ? AND kind IN ({marks})", (case_id, *kinds))

    def cases(self) -> list:
        """The case ids with at least one hand-in or progress record, most recent first."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT case_id FROM handins GROUP BY case_id ORDER BY MAX(id) DESC").fetchall()
        return [row[0] for row in rows]

    def latest_id(self, case_id: str | None = None, kinds=None) -> int:
        """The newest row's id (0 when empty), of one case and kinds of row if given: the live views reload, and a
        case's report is recomputed, only when it changes."""
        where, values = [], []
        if case_id is not None:
            where.append("case_id = ?")
            values.append(case_id)
        if kinds:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            values.extend(kinds)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            return self._connection.execute(f"SELECT COALESCE(MAX(id), 0) FROM handins{clause}", values).fetchone()[0]

    def close(self) -> None:
        self._connection.close()


def open_store(data_dir) -> Store:
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return Store(folder / DATABASE_NAME)
