#!/usr/bin/env python3
"""Check the archive's content: see `--help` and CONTRIBUTING.md."""

import sys
from pathlib import Path

from cnd_archive.checking.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
