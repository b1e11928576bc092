"""Records to disk: JSON written atomically, the SQLite store (every SQL statement), the manifest that
makes runs restartable, the writer lock, people.json.
"""
