"""Shared fixtures: the repository's sample texts and the command-line binary."""

from __future__ import annotations

import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "fixtures" / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def seeds() -> list[pathlib.Path]:
    """The seed documents: machine-translated, spun French news with scraped residue."""
    assert SEEDS, "fixtures/seeds is empty"
    return SEEDS


@pytest.fixture(scope="session")
def article() -> pathlib.Path:
    """A Markdown page with artifacts in prose and the same words in code and markup."""
    return REPO / "fixtures" / "formats" / "article.md"


@pytest.fixture(scope="session")
def mtlint_bin() -> pathlib.Path:
    """The command-line binary (MTLINT_BIN, or the release build of the repository)."""
    path = pathlib.Path(os.environ.get("MTLINT_BIN", REPO / "target" / "release" / "mtlint"))
    if not path.is_file():
        pytest.skip(f"no mtlint binary at {path}: `cargo build --release` or set MTLINT_BIN")
    return path
