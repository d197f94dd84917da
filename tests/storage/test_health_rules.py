"""The site health rules, on run histories (newest first)."""
import pytest

from storage.site_health import HealthRules, site_problem


def run(found=20, requests=25, errors=0, failed=False, kind="timeout", size=1000):
    return {"articles_found": found, "requests": requests, "error_kinds": {kind: errors} if errors else {},
            "failed": failed, "bytes": size}


HEALTHY = [run() for _ in range(6)]


@pytest.mark.parametrize("runs, expected", [
    ([], None),
    ([run(failed=True, found=0)], None),                                   # one bad run is not yet news
    ([run(failed=True, found=0)] * 2, "nebija sasniedzama neviena sarakstu lapa"),
    ([run(found=0)] * 2 + HEALTHY, "neatrada nevienu raksta saiti"),
    ([run(found=0), run()] + HEALTHY, None),                               # not two in a row
    ([run(errors=20)] * 2 + HEALTHY, "pieprasījumu"),
    ([run(errors=10)] * 2 + HEALTHY, None),                                # 40 %: under the threshold
    ([run(errors=20, kind="http_404")] * 2 + HEALTHY, None),               # articles taken down
    ([run(errors=20, kind="http_503")] * 2 + HEALTHY, "pieprasījumu"),
    ([run(found=5)] * 2 + HEALTHY, "krities no aptuveni 20 līdz 5"),
    ([run(found=5)] * 2 + HEALTHY[:2], None),                              # too little history to judge
    ([run(found=12)] * 2 + HEALTHY, None),                                 # 60 % of usual: fine
    ([run(), run(failed=True, found=0), run(failed=True, found=0)], None),  # recovered
    # runs from before migration 009 walked every listing page: no measure for today's first-page counts
    ([run(found=12)] * 2 + [run(found=400, size=None)] * 6, None),
    ([run(found=12)] * 2 + [run(found=30)] * 3 + [run(found=400, size=None)] * 6, "krities no aptuveni 30 līdz 12"),
])
def test_site_problem(runs, expected):
    problem = site_problem(runs)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


def test_rules_are_settable():
    assert site_problem([run(failed=True, found=0)], HealthRules(consecutive=1)) is not None
