#!/usr/bin/env python3
"""Import a UN meeting report from plain text: see `--help` and CONTRIBUTING.md."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from cnd_archive.importing.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
