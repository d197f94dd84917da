"""Mutation testing of the modules whose promises matter most, and their branch coverage (not part of CI).

    .venv/bin/python -m bench.mutation [--sample 40] [--ref REF] [--max-children 2] [--keep DIR] [--no-coverage]

mutmut (configured in pyproject.toml's ``[tool.mutmut]``: which modules, which tests) mutates every
function of storage/ (facts, outbox, pages, migrations, db), notifications/, crawler/sites.py, the exit
codes (crawler/cli_common.py) and the run lock (crawler/job.py), and runs, for each mutant, the tests that called its
function (mutmut records that once, in a first run of the whole selection). It works in a copy of the
working tree, so the tree is never touched. A mutant lives in the test process only: tests that start
another process (``projwatch run`` end to end) are skipped under it (``PROJWATCH_MUTATION=1``, see
tests/conftest.py), so the mutants here are killed by in-process tests.

``--sample N`` runs N mutants of each module, drawn by a fixed seed from all of them (the same draw for
the same code), for an estimate in minutes; without it, every mutant (about 2 600: an hour or more on 2
cores). ``--ref REF`` measures the code and tests of a git revision instead of the working tree (with
this tree's pyproject.toml and tests/conftest.py, which configure the run): the "before" of a change.

Prints a table (module, mutants, killed, survived, no test, score = killed / mutants; a timeout counts
as killed; a mutant no in-process test reaches counts as surviving), every surviving mutant as a diff,
then the branch coverage of the same modules by the same tests (coverage.py, subprocesses measured too).
"""
import argparse
import json
import io
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
KILLED = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout"}
SURVIVED = {0: "survived"}
NO_TESTS = {5: "no tests", 33: "no tests"}


def copy_tree(target: Path, ref: str | None = None) -> Path:
    """The working tree (tracked and new files, as they are now), or the revision ``ref`` with this
    tree's pyproject.toml and tests/conftest.py, copied to ``target``/projwatch, with ../shared beside it
    as beside the real one."""
    copy = target / "projwatch"
    copy.mkdir(parents=True)
    if ref:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(copy)
        files = ["pyproject.toml", "tests/conftest.py"]
    else:
        files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (copy / "shared").symlink_to(shared)   # tests in mutants/ look for ../shared from there
    config = (copy / "pyproject.toml").read_text(encoding="utf-8")
    for path in CONFIG["pytest_add_cli_args_test_selection"]:   # a revision may lack a test file of today
        if path.startswith("tests/") and not (copy / path).exists():
            config = config.replace(f'"{path}",', "")
    (copy / "pyproject.toml").write_text(config, encoding="utf-8")
    return copy


def run_mutmut(copy: Path, max_children: int, log: Path, names: list[str] = ()) -> None:
    env = {**os.environ, "PROJWATCH_MUTATION": "1", "PYTHONPATH": ""}
    with log.open("a") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children), *names],
                              cwd=copy, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        sys.exit(f"mutmut failed (exit {done.returncode}); its output: {log}")


#: A mutant of every revision measured, run first: mutmut then makes every mutant and records which tests
#: call which function, and a sample can be drawn from the mutants' names.
FIRST = "storage.outbox.x_mark_sent__mutmut_1"


def sample(found: dict[str, dict[str, int | None]], size: int) -> list[str]:
    draw = random.Random(16)
    return [name for codes in found.values() for name in draw.sample(sorted(codes), min(size, len(codes)))]


def results(copy: Path) -> dict[str, dict[str, int | None]]:
    """Each mutated module's mutants and their exit codes, from mutmut's ``.meta`` files."""
    found = {}
    for meta in sorted((copy / "mutants").rglob("*.py.meta")):
        module = str(meta.relative_to(copy / "mutants")).removesuffix(".meta")
        if any(fnmatch(module, pattern) for pattern in CONFIG["only_mutate"]):
            found[module] = json.loads(meta.read_text())["exit_code_by_key"]
    return found


def table(found: dict[str, dict[str, int | None]], names: set[str] | None = None) -> list[str]:
    """One row per module with mutants, then one per package and one for all; a mutant not run yet
    (None) is left out."""
    rows = [("module", "mutants", "killed", "survived", "no test", "score")]
    groups: dict[str, Counter] = {}
    for module, codes in sorted(found.items()):
        codes = {name: code for name, code in codes.items() if (names is None or name in names) and code is not None}
        if not codes:
            continue
        counts = Counter("killed" if code in KILLED else "survived" if code in SURVIVED
                         else "no test" if code in NO_TESTS else "other" for code in codes.values())
        groups[module] = counts
        for name in (module.split("/")[0] + "/ (all)", "all"):
            groups.setdefault(name, Counter()).update(counts)
    order = sorted(groups, key=lambda name: (name == "all", name.split("/")[0], name.endswith("(all)"), name))
    for name in order:
        counts = groups[name]
        total = sum(counts.values())
        rows.append((name, total, counts["killed"], counts["survived"], counts["no test"],
                     f"{100 * counts['killed'] / total:.1f} %"))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(str(cell).ljust(w) if i == 0 else str(cell).rjust(w) for i, (cell, w) in
                      enumerate(zip(row, widths))) for row in rows]


SHOW = """
import sys
from mutmut.__main__ import find_mutant, get_diff_for_mutant
for name in sys.argv[1:]:
    print(f"--- {name}")
    print(get_diff_for_mutant(name, path=find_mutant(name).path).strip())
"""


def survivors(copy: Path, found: dict[str, dict[str, int | None]], drawn: set[str] | None) -> str:
    names = [name for codes in found.values() for name, code in codes.items()
             if (code in SURVIVED or code in NO_TESTS) and (drawn is None or name in drawn)]
    if not names:
        return ""
    done = subprocess.run([sys.executable, "-c", SHOW, *names], cwd=copy, capture_output=True, text=True)
    return done.stdout + done.stderr


def coverage(copy: Path, modules: list[str]) -> str:
    """Branch coverage of ``modules`` by the mutation run's tests (subprocesses measured too)."""
    rc = copy / ".coveragerc-mutation"
    rc.write_text("[run]\nbranch = True\nparallel = True\npatch = subprocess\n"
                  f"source = storage, notifications, crawler\ndata_file = {copy / '.coverage'}\n")
    config = tomllib.loads((copy / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    selection = config["pytest_add_cli_args_test_selection"]   # as copy_tree left it for the revision
    env = {**os.environ, "PYTHONPATH": str(copy)}
    env.pop("PROJWATCH_MUTATION", None)
    subprocess.run([sys.executable, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest", "-q",
                    "-p", "no:cacheprovider", *selection], cwd=copy, env=env, capture_output=True)
    subprocess.run([sys.executable, "-m", "coverage", "combine", f"--rcfile={rc}"], cwd=copy, env=env,
                   capture_output=True)
    done = subprocess.run([sys.executable, "-m", "coverage", "report", f"--rcfile={rc}",
                           f"--include={','.join(modules)}"], cwd=copy, env=env, capture_output=True, text=True)
    return done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, metavar="N", help="N mutants of each module (default: all)")
    parser.add_argument("--ref", help="a git revision to measure instead of the working tree")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (mutmut browse there)")
    parser.add_argument("--no-coverage", action="store_true")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="projwatch-mutation-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        copy = copy_tree(work, args.ref)
        log = work / "mutmut.log"
        drawn = None
        if args.sample:
            run_mutmut(copy, args.max_children, log, [FIRST])
            drawn = sample(results(copy), args.sample)
            run_mutmut(copy, args.max_children, log, drawn)
            drawn = set(drawn)
        else:
            run_mutmut(copy, args.max_children, log)
        found = results(copy)
        what = f"{args.sample} mutants of each module, drawn" if args.sample else "every mutant"
        print(f"Mutation testing of {args.ref or 'the working tree'}: {what}")
        print("\n".join(table(found, drawn)))
        unmutated = [module for module, codes in found.items() if not codes]
        if unmutated:
            print(f"no mutant (no function, or only decorated ones, which mutmut leaves): {', '.join(unmutated)}")
        print("\nSurviving mutants (and mutants no in-process test reaches):")
        print(survivors(copy, found, drawn) or "none")
        if not args.no_coverage:
            print("\nBranch coverage by the same tests:")
            print(coverage(copy, sorted(found)))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
