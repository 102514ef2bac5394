"""Errors a user can act on: one line naming the file and the cause."""

from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """A corpus file or folder that cannot be used as it is.

    The message is one line: ``<file>: <cause>``, so that a researcher who
    points the loader at a scraped folder knows which file to fix and why.
    """

    def __init__(self, path: str | Path | None, cause: str) -> None:
        self.path = None if path is None else Path(path)
        self.cause = cause
        where = "corpus" if path is None else display_path(Path(path))
        super().__init__(f"{where}: {cause}")

    def __reduce__(self):
        # Rebuilt from (path, cause), so the error crosses a process pool or a
        # Dask worker intact instead of breaking the pool.
        return (type(self), (self.path, self.cause))


class CorpusWarning(UserWarning):
    """Something about a corpus file the user should know; the file still loads."""


class FontError(RuntimeError):
    """No font that can draw Chinese could be found for matplotlib."""


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when possible.

    Error messages end up in notebook outputs; relative paths keep them free
    of machine-specific prefixes.
    """
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return path.name if path.is_absolute() else str(path)
