"""The manifest of work: one JSON line per document saying what became of it, where and how fast.

Lines are appended as documents finish, so a run that is killed leaves a true record of what it
finished; the file is only ever appended to, so no run drops another's lines, and the newest line
of a document is what became of it. A document that is unchanged since the run that read it gets
no new line. A moved document's line names where it was (`moved_from`), a pruned one's says
`"status": "pruned"`: either ends the old source's record.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from extract.storing.output import naming

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
        """Append one finished document's line now.

        Flushed to the OS, which outlives a killed process; not fsynced per line (100k fsyncs cost
        more than the parse), since the store and the JSON are the durable record.
        """
        line = {"run": self.run} | entry
        _apply(self.lines, line)
        try:
            if self._file is None:
                self._file = self.path.open("a", encoding="utf-8")
                if _torn(self.path):
                    self._file.write("\n")  # end a killed run's torn line, so this one stands alone
            self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._file.flush()
        except OSError as error:  # a full disk: say which file
            raise naming(error, self.path) from error

    def previous(self, source: str) -> dict | None:
        return self.lines.get(source)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _torn(path: Path) -> bool:
    """Whether the file's last line lacks its newline (a run was killed while writing it)."""
    with path.open("rb") as stream:
        if stream.seek(0, 2) == 0:
            return False
        stream.seek(-1, 2)
        return stream.read(1) != b"\n"


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
            _apply(lines, line)
    return lines


def _apply(lines: dict[str, dict], line: dict) -> None:
    """Make line the newest of its source; a move or a prune ends a source's record."""
    lines.pop(line.get("moved_from"), None)
    if line.get("status") == "pruned":
        lines.pop(line["source"], None)
    else:
        lines[line["source"]] = line
