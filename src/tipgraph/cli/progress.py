"""Progress on long work, on stderr, and silent when stderr is not a terminal.

rich (already pinned, a dependency of the import linter) rather than tqdm: its
``Progress.wrap_file`` turns Oxigraph's bulk load, which reads a Python file
object, into a byte-accurate bar with no code of ours in the read loop, and its
``Console.status`` gives the stages that cannot be measured a spinner.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

__all__ = ["bytes_read", "stage"]


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def stage(text: str) -> Iterator[None]:
    """A spinner naming ``text`` while the block runs (nothing when not a terminal)."""
    console = _console()
    if not console.is_terminal:
        yield
        return
    with console.status(text):
        yield


@contextmanager
def bytes_read() -> Iterator[Any]:
    """A ``wrap(reader, size, name)`` that shows how much of each file has been read."""
    console = _console()
    if not console.is_terminal:
        yield lambda reader, size, name: reader
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:

        def wrap(reader: IO[bytes], size: int, name: str) -> IO[bytes]:
            return progress.wrap_file(reader, total=size, description=f"loading {name}")  # type: ignore[arg-type]

        yield wrap
