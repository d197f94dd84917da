"""Every kind any code emits is declared once in crawler/kinds.py, with a Latvian label."""
import re
from pathlib import Path

import pytest

from crawler.extract.meetings import MEETING_KINDS as MEETING_WORDS
from crawler.extract.money import KIND_CUES, STEERING_CUES
from crawler.extract.programmes import PROGRAMME_ALIASES, PROJECT_NUMBER_PREFIXES, WEAK_ALIASES
from spiders.news import _ERROR_KINDS
from storage.site_health import NOT_SITE_FAILURES
from crawler import kinds

ROOT = Path(__file__).resolve().parents[2]


def emitted_in_code(pattern: str, *paths: str) -> set[str]:
    """The string literals a pattern finds in the named source files."""
    return {found for path in paths for found in re.findall(pattern, (ROOT / path).read_text(encoding="utf-8"))}


@pytest.mark.parametrize("emitted, sort", [
    ({kind for kind, _ in MEETING_WORDS}, kinds.MEETING_KINDS),
    ({kind for kind, _ in KIND_CUES} - STEERING_CUES | {"partner", "other"}, kinds.FUNDING_KINDS),
    ({key for key, _ in (*PROGRAMME_ALIASES, *WEAK_ALIASES, *PROJECT_NUMBER_PREFIXES)}, kinds.PROGRAMMES),
    (emitted_in_code(r'_change\("(\w+)"', "storage/facts.py")
     | emitted_in_code(r'"(site_\w+)" if problem', "storage/site_health.py")
     | emitted_in_code(r'else "(site_\w+)"', "storage/site_health.py"), kinds.CHANGE_KINDS),
    ({kind for _, kind in _ERROR_KINDS} | set(NOT_SITE_FAILURES - {"http_404", "http_410"})
     | emitted_in_code(r'errors/(\w+)"', "spiders/news.py")
     | emitted_in_code(r'_skip\("(\w+)"', "crawler/pipelines.py"), kinds.SITE_ERRORS),
])
def test_every_emitted_kind_is_declared(emitted, sort):
    assert emitted, "the emitters were not found"
    assert emitted <= kinds.keys(sort), f"undeclared: {sorted(emitted - kinds.keys(sort))}"


@pytest.mark.parametrize("sort", list(kinds.SORTS))
def test_every_kind_has_a_latvian_label_once(sort):
    declared = kinds.SORTS[sort]
    assert len(kinds.keys(declared)) == len(declared)
    assert all(kind.label and kind.label != kind.key or kind.key in ("urbact", "life", "nordplus") for kind in declared)


def test_site_errors_of_http_and_unexpected_exceptions_have_labels():
    assert kinds.site_error_label("http_503") == "HTTP kļūda 503"
    assert kinds.site_error_label("timeout") == "serveris neatbildēja laikā"


@pytest.mark.parametrize("key, passes", [
    ("timeout", True), ("storage", True), ("worker", True), ("http_503", True), ("http_429", True),
    ("ResponseNeverReceived", True),                        # an unexpected download exception
    ("http_404", False), ("http_410", False), ("not_text", False), ("no_text", False), ("ignored", False),
])
def test_an_error_that_may_pass_is_a_servers_or_ours_not_the_pages_own(key, passes):
    assert kinds.error_passes(key) is passes
