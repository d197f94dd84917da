"""``crawler/extract_cli.py``: ``projwatch extract`` in-process — one JSON object per file or record, in
order; a record that cannot be read gives its error and no projects; a user's error is one line, exit 2."""
import json

import pytest
from click.testing import CliRunner

from crawler.extract_cli import extract

PAGE = ("Notikusi projekta sanāksme\n\n"
        "No 4. līdz 5. maijam Tartu, Igaunijā notika Interreg Igaunijas–Latvijas programmas projekta "
        "“Tilti” partneru sanāksme. Projekta kopējās izmaksas ir EUR 120 000.")
FILLER = "Partneri pārrunāja nākamos soļus un kopīgos darbus. " * 4
HTML = (f"<html><head><title>Sanāksme</title></head><body><nav>Sākums Jaunumi Kontakti</nav>"
        f"<article><h1>Notikusi projekta sanāksme</h1><p>{PAGE[len('Notikusi projekta sanāksme'):]} {FILLER}</p>"
        f"</article><footer>Visas tiesības aizsargātas</footer></body></html>")
MEETING = {"start": "2022-05-04", "end": "2022-05-05", "city": "Tartu", "country": "EE", "online": False,
           "kind": "partner meeting"}
FUNDING = {"amount": 120000.0, "currency": "EUR", "kind": "total", "holder": None, "share_pct": None}


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(extract, list(args), input=stdin)


def entries(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("name, content", [("page.txt", PAGE), ("page.html", HTML)])
def test_a_file_prints_its_projects(tmp_path, name, content):
    page = tmp_path / name
    page.write_text(content, encoding="utf-8")

    result = invoke(str(page), "--url", "https://example.lv/zina", "--published", "2022-05-10")

    assert result.exit_code == 0, result.output
    [entry] = entries(result)
    assert entry["url"] == "https://example.lv/zina" and entry["published"] == "2022-05-10"
    [project] = entry["projects"]
    assert project["name"] == "Tilti" and project["programme"] == "interreg-estonia-latvia"
    assert project["meetings"] == [MEETING] and project["funding"] == [FUNDING]
    assert "sanāksme" in result.stdout   # Latvian letters as they are, not escaped


def test_one_object_per_file_in_the_order_given(tmp_path):
    paths = []
    for index, text in enumerate([PAGE, "Sporta svētki notika parkā.", PAGE]):
        paths.append(tmp_path / f"page{index}.txt")
        paths[-1].write_text(text, encoding="utf-8")

    result = invoke(*map(str, paths))

    assert result.exit_code == 0, result.output
    assert [len(entry["projects"]) for entry in entries(result)] == [1, 0, 1]


RECORDS = [
    {"url": "a", "published": "2022", "text": PAGE},
    {"url": "b", "text": None},
    {"url": "c", "html": HTML},
    {"url": "d", "text": "Nekā."},
    {"url": "e", "html": 42},
]


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_jsonl_records_print_in_order_with_a_per_record_error(tmp_path, source):
    lines = "\n".join(json.dumps(record, ensure_ascii=False) for record in RECORDS) + "\n\n"
    if source == "file":
        path = tmp_path / "pages.jsonl"
        path.write_text(lines, encoding="utf-8")
        result = invoke("--jsonl", str(path))
    else:
        result = invoke("--jsonl", "-", stdin=lines)

    assert result.exit_code == 0, result.output
    found = entries(result)
    assert [entry["url"] for entry in found] == ["a", "b", "c", "d", "e"]
    assert found[0]["published"] == "2022" and found[0]["projects"][0]["meetings"][0]["start"] == "2022-05-04"
    assert found[2]["projects"][0]["meetings"][0]["country"] == "EE"
    assert found[3]["projects"] == [] and "error" not in found[3]
    for bad in (found[1], found[4]):
        assert bad == {"url": bad["url"], "error": "record has neither a text nor an html string", "projects": []}


@pytest.mark.parametrize("args, stdin, message", [
    (["missing.txt"], None, "Error: cannot read missing.txt: No such file or directory"),
    (["--jsonl", "missing.jsonl"], None, "Error: cannot read missing.jsonl: No such file or directory"),
    (["--jsonl", "-"], '{"url": "a", "text": "x"}\nnot json\n', "Error: stdin:2: not a JSON line (Expecting value)"),
    (["--jsonl", "-"], '["a list"]\n', "Error: stdin:1: a record must be a JSON object"),
    (["a.txt", "b.txt", "--url", "u"], None, "Error: --url and --published apply to a single FILE"),
    (["a.txt", "b.txt", "--published", "2022"], None, "Error: --url and --published apply to a single FILE"),
    (["--jsonl", "-", "--url", "u"], "", "Error: --url and --published do not apply to --jsonl records"),
])
def test_user_errors_exit_2_with_one_line(tmp_path, monkeypatch, args, stdin, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args, stdin=stdin)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"


def test_no_file_is_a_usage_error():
    result = invoke()
    assert result.exit_code == 2 and "Missing argument 'FILES...'" in result.stderr
