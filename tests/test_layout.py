"""The tests mirror the packages: every source module is imported by a test of its own package
(``crawler/extract/dates.py`` by one under ``tests/crawler/extract/``), so that a newcomer finds a
module's tests where the module is, and no module goes untested by its own package's tests."""
import ast

import pytest

from tests.conftest import ROOT

PACKAGES = ("crawler", "spiders", "storage", "notifications")


def _defines(path) -> bool:
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
               for node in ast.parse(path.read_text()).body)


def source_modules() -> list[str]:
    modules = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "__main__.py" or (path.name == "__init__.py" and not _defines(path)):
                continue   # an entry point, or a package's face that only hands names on
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def imported_by_tests_of(package_dir) -> set[str]:
    """Every module the test files under ``package_dir`` import (``from a.b import c`` counts a.b and a.b.c)."""
    names: set[str] = set()
    for path in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("module", source_modules())
def test_a_module_is_imported_by_a_test_of_its_package(module):
    package_dir = ROOT / "tests" / module.rsplit(".", 1)[0].replace(".", "/") if "." in module else ROOT / "tests"
    assert package_dir.is_dir(), f"no tests/{package_dir.relative_to(ROOT / 'tests')} for {module}"
    assert module in imported_by_tests_of(package_dir), \
        f"no test under {package_dir.relative_to(ROOT)} imports {module}"
