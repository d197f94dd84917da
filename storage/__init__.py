"""The only code that touches SQLite: schema and migrations, the page store, facts and the outbox.

Exceptions:
    StorageError            -- any failure the user has to act on (a path, a lock, a full disk)
"""
from storage.db import StorageError, guarded, open_db, transaction

__all__ = ["StorageError", "guarded", "open_db", "transaction"]
