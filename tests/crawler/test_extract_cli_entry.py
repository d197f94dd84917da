"""``projwatch extract`` as a user runs it: files, JSON Lines, stdin, errors and exit codes."""
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


def test_text_file_with_url_and_published(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = run(str(page), "--url", "https://example.lv/zina", "--published", "2022-05-10")
    assert done.returncode == 0, done.stderr
    [entry] = _lines(done)
    assert entry["url"] == "https://example.lv/zina" and entry["published"] == "2022-05-10"
    [project] = entry["projects"]
    assert project["meetings"][0]["start"] == "2022-05-04"
    assert project["programme"] == "interreg-estonia-latvia"
    assert "Tilti" in done.stdout  # ensure_ascii=False keeps Latvian letters


def test_one_object_per_file(tmp_path):
    files = []
    for index in range(3):
        path = tmp_path / f"page{index}.txt"
        path.write_text(PAGE if index != 1 else "Sporta svētki notika parkā.", encoding="utf-8")
        files.append(str(path))
    entries = _lines(run(*files))
    assert [bool(e["projects"]) for e in entries] == [True, False, True]


def test_html_file(tmp_path):
    filler = "Partneri pārrunāja nākamos soļus un kopīgos darbus. " * 4
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><nav>Sākums</nav><article><h1>Sanāksme</h1><p>{PAGE} {filler}</p></article>"
                    "<footer>Kontakti</footer></body></html>", encoding="utf-8")
    [entry] = _lines(run(str(page), "--published", "2022"))
    assert entry["projects"][0]["meetings"][0]["country"] == "EE"


def test_jsonl_records_in_order_with_errors(tmp_path):
    records = [{"url": "a", "published": "2022", "text": PAGE}, {"url": "b", "text": None},
               {"url": "c", "html": f"<html><body><p>{PAGE}</p></body></html>"}, {"url": "d", "text": "Nekā."}]
    source = tmp_path / "pages.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    done = run("--jsonl", str(source))
    assert done.returncode == 0, done.stderr
    entries = _lines(done)
    assert [e["url"] for e in entries] == ["a", "b", "c", "d"]
    assert entries[1]["projects"] == [] and "error" in entries[1]
    assert entries[0]["projects"][0]["funding"][0]["amount"] == 120000.0
    assert entries[3]["projects"] == []


def test_jsonl_from_stdin():
    done = run("--jsonl", "-", stdin=json.dumps({"url": "x", "published": None, "text": PAGE}) + "\n")
    assert done.returncode == 0, done.stderr
    [entry] = _lines(done)
    assert entry["projects"][0]["meetings"][0]["start"] == "--05-04"


@pytest.mark.parametrize("args, stdin, message", [
    (["missing.txt"], None, "cannot read missing.txt"),
    (["--jsonl", "missing.jsonl"], None, "cannot read missing.jsonl"),
    (["--jsonl", "-"], '{"url": "a", "text": "x"}\nnot json\n', "stdin:2: not a JSON line"),
    (["--jsonl", "-"], '["a list"]\n', "stdin:1: a record must be a JSON object"),
    (["a.txt", "b.txt", "--url", "u"], None, "--url and --published apply to a single FILE"),
])
def test_user_errors_exit_2_with_one_line(args, stdin, message, tmp_path):
    done = subprocess.run(_projwatch() + ["extract", *args], input=stdin, capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
