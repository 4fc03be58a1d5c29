"""Fixtures: the real site, built once per session, and the 27th report's source text."""

from __future__ import annotations

import pytest

from helpers import SOURCE_27, Build, build_site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("real-site"))
    assert build.result.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def source_27() -> str:
    if not SOURCE_27.exists():
        pytest.fail(f"the 27th report's source text is missing at {SOURCE_27}")
    return SOURCE_27.read_text(encoding="utf-8")
