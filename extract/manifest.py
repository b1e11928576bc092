"""The manifest of work: one JSON line per document saying what became of it, where and how fast.

Lines are appended as documents finish, so a run that is killed leaves a true record of what it
finished; the run's end rewrites the file with one line per document, the newest. A document that
is unchanged since a finished run keeps the line of the run that read it.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from extract.output import naming, write_atomic

MANIFEST_NAME = "ingest-manifest.jsonl"


def run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST_NAME
        self.run = run_id()
        self.lines: dict[str, dict] = read_manifest(self.path)
        self._file = None

    def record(self, entry: dict) -> None:
        """Append one finished document's line now, keep it for the rewrite.

        Flushed to the OS, which outlives a killed process; not fsynced per line (100k fsyncs cost
        more than the parse), since the store and the JSON are the durable record.
        """
        line = {"run": self.run} | entry
        self.lines[entry["source"]] = line
        try:
            if self._file is None:
                self._file = self.path.open("a", encoding="utf-8")
            self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._file.flush()
        except OSError as error:  # a full disk: say which file
            raise naming(error, self.path) from error

    def previous(self, source: str) -> dict | None:
        return self.lines.get(source)

    def finish(self, sources: list[str]) -> None:
        """Rewrite as one line per document of this run's inputs, in their order."""
        self.close()
        text = "".join(json.dumps(self.lines[s], ensure_ascii=False) + "\n" for s in sources if s in self.lines)
        write_atomic(self.path, text)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def read_manifest(path: Path) -> dict[str, dict]:
    """The newest line per source; a torn last line (the run was killed mid-write) is skipped."""
    lines: dict[str, dict] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return lines
    for raw in text.splitlines():
        try:
            line = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if isinstance(line, dict) and "source" in line:
            lines[line["source"]] = line
    return lines
