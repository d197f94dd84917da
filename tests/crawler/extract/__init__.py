"""Tests of crawler.extract: case tables in ``cases/*.yaml``, the dev-corpus score, the CLI."""
from pathlib import Path

import yaml

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list:
    """The rows of ``cases/<name>.yaml``, each a pytest param named after its text."""
    import pytest

    rows = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(row, id=str(row.get("name") or row.get("text") or row.get("url"))[:60]) for row in rows]
