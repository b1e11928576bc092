"""Writing outputs so that a crash never leaves a half-written file: temp file, then rename; and
the one JSON layout every record file has (record_json, or written a piece at a time)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a temporary file in the same folder and an atomic rename."""
    with atomic_writer(path) as stream:
        stream.write(text)


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text stream to path that appears there whole, by rename, only if the block ends well:
    for outputs too large to hold as one string."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise naming(error, path) from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename in (None, temporary):
            raise naming(error, path) from error
        raise


def naming(error: OSError, path: Path) -> OSError:
    """The same error (a full disk, no permission) naming the file being written, not its
    temporary or nothing, so the one line a user sees says which file it was."""
    return OSError(error.errno, error.strerror or str(error), str(path))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def record_json(record: BaseModel) -> str:
    """A record as stable JSON: fields in schema order, two-space indent, UTF-8, newline at end."""
    return record.model_dump_json(indent=2) + "\n"


def write_record_json(stream: TextIO, fields: Iterable[tuple[str, object]]) -> None:
    """What record_json prints for a record with these (name, value) fields in schema order,
    written a piece at a time, for a record too large to hold whole (people.json at a hundred
    thousand documents). A value that is an iterator of records is written one record at a time;
    a callable value is called when its turn comes, so it may sum up the records written before."""
    stream.write("{")
    for index, (name, value) in enumerate(fields):
        stream.write(("\n" if index == 0 else ",\n") + f"  {json.dumps(name)}: ")
        value = value() if callable(value) else value
        if isinstance(value, Iterator):
            _write_records(stream, value)
        else:
            stream.write(_indented(json.dumps(value, indent=2, ensure_ascii=False), 2))
    stream.write("\n}\n")


def _write_records(stream: TextIO, records: Iterator[BaseModel]) -> None:
    """A list of records as record_json lays one out inside a record: four spaces in."""
    count = 0
    stream.write("[")
    for record in records:
        stream.write(("\n" if count == 0 else ",\n") + "    " + _indented(record.model_dump_json(indent=2), 4))
        count += 1
    stream.write("\n  ]" if count else "]")


def _indented(text: str, spaces: int) -> str:
    return text.replace("\n", "\n" + " " * spaces)
