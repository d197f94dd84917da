"""``projwatch extract`` through the installed entry point, as a user runs it: stdin in, JSON out, and a
user error as one line and exit 2 from the real process. What the verb reads and prints, case by case, is
tests/crawler/test_extract_cli.py's, in process."""
import json
import shutil
import subprocess
import sys

import pytest

PAGE = ("Notikusi projekta sanāksme\n\n"
        "No 4. līdz 5. maijam Tartu, Igaunijā notika Interreg Igaunijas–Latvijas programmas projekta "
        "“Tilti” partneru sanāksme. Projekta kopējās izmaksas ir EUR 120 000.")


def _projwatch() -> list[str]:
    found = shutil.which("projwatch", path=str(__import__("pathlib").Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-c", "from crawler.cli import main; main()"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(_projwatch() + ["extract", *args], input=stdin, capture_output=True, text=True,
                          timeout=120)


def _lines(done: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_jsonl_from_stdin():
    done = run("--jsonl", "-", stdin=json.dumps({"url": "x", "published": None, "text": PAGE}) + "\n")
    assert done.returncode == 0, done.stderr
    [entry] = _lines(done)
    assert entry["projects"][0]["meetings"][0]["start"] == "--05-04"


@pytest.mark.parametrize("args, stdin, message", [
    (["missing.txt"], None, "cannot read missing.txt"),
    (["--jsonl", "-"], '{"url": "a", "text": "x"}\nnot json\n', "stdin:2: not a JSON line"),
])
def test_user_errors_exit_2_with_one_line(args, stdin, message, tmp_path):
    done = subprocess.run(_projwatch() + ["extract", *args], input=stdin, capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
