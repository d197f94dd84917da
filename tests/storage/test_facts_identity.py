"""The project identity rule: cases as data, and the dev corpus where one project has many pages."""
import json
import re
from pathlib import Path

import pytest

from storage.identity import match_project, same_project, signature_of
from tests.conftest import SHARED, require_shared

CASES = json.loads((Path(__file__).parent / "identity_cases.json").read_text(encoding="utf-8"))
DEV_CORPUS = SHARED / "corpus" / "dev"
QUOTED_PROJECT_NAME = re.compile(r"projekt\w*\s+(?:\w+\s+)?[“\"„]([^”\"“]{4,80})[”\"“]")


def extracted(name=None, name_en=None, acronym=None, programme=None, lead=None, partners=()):
    return {"name": name, "name_en": name_en, "acronym": acronym, "programme": programme,
            "lead_partner": {"name": lead, "country": None},
            "partners": [{"name": partner, "country": None} for partner in partners]}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_same_project(case):
    a, b = signature_of(extracted(**case["a"])), signature_of(extracted(**case["b"]))
    assert same_project(a, b) is case["same"]
    assert same_project(b, a) is case["same"]


def test_match_prefers_the_oldest_project():
    known = [(7, signature_of(extracted("Pilsētu digitālās inovācijas"))),
             (3, signature_of(extracted(acronym="DI4C")))]
    candidate = signature_of(extracted("Pilsētu digitālās inovācijas", acronym="DI4C"))
    assert match_project(candidate, known) == 3
    assert match_project(signature_of(extracted("Cits projekts")), known) is None


def dev_pages():
    require_shared(DEV_CORPUS)
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEV_CORPUS.glob("*.json"))}


def test_dev_corpus_pages_of_one_project_resolve_to_one():
    """Each dev page with a quoted project name becomes a candidate (its gold programme when it has
    one); resolving them in turn, the pages of one project share an id and other projects do not."""
    resolved, known = {}, []
    for page_id, page in dev_pages().items():
        match = QUOTED_PROJECT_NAME.search(page["text"])
        if not match:
            continue
        programmes = page["gold"]["programmes"]
        signature = signature_of(extracted(match.group(1), programme=programmes[0] if len(programmes) == 1 else None))
        project_id = match_project(signature, known)
        if project_id is None:
            project_id = len(known) + 1
            known.append((project_id, signature))
        resolved[page_id] = project_id

    digi_place = {resolved[page] for page in ("p001", "p009", "s000", "s001")}
    innovation_centre = {resolved[page] for page in ("p012", "p073")}
    assert len(digi_place) == 1 and len(innovation_centre) == 1
    others = {page: project_id for page, project_id in resolved.items()
              if page not in {"p001", "p009", "s000", "s001", "p012", "p073"}}
    assert len(set(others.values()) | digi_place | innovation_centre) == len(others) + 2
