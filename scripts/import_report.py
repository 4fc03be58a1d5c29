#!/usr/bin/env python3
"""Import a UN meeting report from plain text: see `--help` and CONTRIBUTING.md."""

import sys
from pathlib import Path

from cnd_archive.importing.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
