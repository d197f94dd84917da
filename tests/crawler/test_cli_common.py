"""What the verbs share, in process: the site list, the targets and their tags, the database, JSON Lines."""
import io

import pytest

from crawler.cli_common import jsonl_records, load_channels, load_site_list, open_existing_db
from crawler.cli_common import UserError
from crawler.sites import Site
from storage import open_db

SITE = Site(name="centrs", title="Centrs", start_urls=["https://c.lv/jaunumi"], articles=["/jaunumi/"])


def config(tmp_path, tags):
    path = tmp_path / "notify.yml"
    path.write_text(f"urls:\n  - json://127.0.0.1:9/hook:\n      tag: {tags}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("tags", ["site:centrs", "programme:urbact, funding", "project:di4c"])
def test_tags_naming_known_sites_and_programmes_are_taken(tmp_path, tags):
    [channel] = load_channels((), config(tmp_path, tags), [SITE])
    assert channel.key.startswith("json-")


@pytest.mark.parametrize("tags, named", [
    ("site:nosuchsite", "tag 'site:nosuchsite' names no site (known: centrs)"),
    ("programme:interreg-mars", "tag 'programme:interreg-mars' names no programme (known: "),
])
def test_a_tag_naming_no_site_or_programme_is_the_user_s_error(tmp_path, tags, named):
    with pytest.raises(UserError) as error:
        load_channels((), config(tmp_path, tags), [SITE])
    assert error.value.exit_code == 2 and named in error.value.format_message()
    assert load_channels((), config(tmp_path, tags))   # without the site list, nothing to check against


def test_a_bad_url_is_the_user_s_error():
    with pytest.raises(UserError, match="--notify URL 1 is not a valid apprise URL"):
        load_channels(("nosuchscheme://x",), None)


def test_a_bad_site_list_is_the_user_s_error(tmp_path):
    with pytest.raises(UserError, match="no such site list"):
        load_site_list(tmp_path / "none.toml")


def test_a_verb_that_reads_the_database_creates_none(tmp_path):
    with pytest.raises(UserError, match="no such database"):
        open_existing_db(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
    (tmp_path / "bad.db").write_text("not a database " * 100)
    with pytest.raises(UserError, match="cannot open database"):
        open_existing_db(tmp_path / "bad.db")
    open_db(tmp_path / "good.db").close()
    assert open_existing_db(tmp_path / "good.db")["pages"].exists()


def test_json_lines_records(tmp_path, monkeypatch):
    path = tmp_path / "in.jsonl"
    path.write_text('{"url": "a"}\n\n{"url": "b"}\n', encoding="utf-8")
    assert list(jsonl_records(str(path))) == [{"url": "a"}, {"url": "b"}]
    monkeypatch.setattr("sys.stdin", io.StringIO('{"url": "c"}\n'))
    assert list(jsonl_records("-")) == [{"url": "c"}]


@pytest.mark.parametrize("text, named", [
    ('{"url": "a"}\nnot json\n', "in.jsonl:2: not a JSON line"),
    ('["a list"]\n', "in.jsonl:1: a record must be a JSON object"),
])
def test_a_bad_json_line_is_named_by_file_and_line(tmp_path, text, named):
    path = tmp_path / "in.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as error:
        list(jsonl_records(str(path)))
    assert named in error.value.format_message()
    with pytest.raises(UserError, match="cannot read"):
        list(jsonl_records(str(tmp_path / "none.jsonl")))
