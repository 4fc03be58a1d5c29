"""Where a build spends its time: named phases, summed over their calls.

The core records its own phases (``load/front matter``, ``build/indexes`` ...), so a
benchmark reads them off the stopwatch instead of wrapping functions from outside.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stopwatch:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        """Seconds by phase, in the order phases first ran; "a/b" is part b of phase a."""
        self.calls: dict[str, int] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
            self.calls[name] = self.calls.get(name, 0) + 1
