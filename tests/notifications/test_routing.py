"""Alerts for the people they concern: targets tagged by site, programme and project each get exactly
their changes, once; routing is decided when a change is recorded; the weekly outlook; bad tags."""
from collections import defaultdict
from datetime import date, timedelta

import pytest

from tests.conftest import projwatch
from tests.replica import Article, serve_sites
from tests.replica.content import _general
from tests.replica.site import ReplicaSite

#: Each target by its mail address: its tags, and the projects whose changes it must get (and no other).
TARGETS = {
    "centrs@example.lv": ("site:centrs", {"Gudras pilsētas dati"}),
    "urbact@example.lv": ("programme:urbact", {"Gudras pilsētas dati"}),
    "pagalmi@example.lv": ("project:zalie-pagalmi", {"Zaļie pagalmi"}),
    "muizas@example.lv": ("project:ee-lv00123, funding", {"Aktīvās muižas"}),
    "all@example.lv": (None, {"Gudras pilsētas dati", "Zaļie pagalmi", "Aktīvās muižas"}),
}
PROJECTS = {"Gudras pilsētas dati", "Zaļie pagalmi", "Aktīvās muižas"}


def config(mail_url: str, targets: dict) -> str:
    lines = ["urls:"]
    for address, (tags, _) in targets.items():
        url = mail_url.replace("to=b@example.com", f"to={address}")
        lines.append(f"  - {url}" + (f":\n      tag: {tags}" if tags else ""))
    return "\n".join(lines) + "\n"


def received(mailbox) -> dict[str, list[str]]:
    """Each recipient's messages, as plain text."""
    texts = defaultdict(list)
    for message in mailbox.messages:
        texts[message["To"]].append(message.get_body(preferencelist=("plain",)).get_content())
    return texts


def test_each_target_gets_exactly_its_changes_once(tmp_path, replica, run, smtp_server):
    mail_url, mailbox = smtp_server
    sites = replica.write_sites(tmp_path / "sites.toml")
    routes = tmp_path / "notify.yml"
    routes.write_text(config(mail_url, TARGETS), encoding="utf-8")

    first = run("--sites", str(sites), "--notify-config", str(routes), "--no-baseline")
    assert first.returncode == 0, first.stderr
    texts = received(mailbox)
    assert set(texts) == set(TARGETS)
    for address, (tags, projects) in TARGETS.items():
        [text] = texts[address]
        assert {project for project in PROJECTS if project in text} == projects, address
    assert "Jauna tikšanās" not in texts["muizas@example.lv"][0]      # funding only
    assert "Jauna tikšanās" in texts["all@example.lv"][0]

    # Routes edited and a target added: nothing old is sent again, to anyone.
    edited = {**TARGETS, "centrs@example.lv": ("site:blogs", set()), "new@example.lv": (None, set())}
    routes.write_text(config(mail_url, edited), encoding="utf-8")
    second = run("--sites", str(sites), "--notify-config", str(routes))
    assert second.returncode == 0, second.stderr
    assert len(mailbox.messages) == len(TARGETS)


@pytest.mark.parametrize("tag, named", [("site:nosuchsite", "site:nosuchsite"),
                                        ("programme:interreg-mars", "programme:interreg-mars"),
                                        ("colour:red", "colour:red")])
def test_an_unknown_tag_stops_the_run_before_crawling(tmp_path, replica, run, smtp_server, tag, named):
    mail_url, _ = smtp_server
    routes = tmp_path / "notify.yml"
    routes.write_text(config(mail_url, {"x@example.lv": (tag, set())}), encoding="utf-8")
    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml")), "--notify-config", str(routes))
    assert done.returncode == 2 and named in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "projwatch.db").exists() or all(not site.served for site in replica.sites)


def test_a_project_tag_that_matches_nothing_yet_is_said_once(tmp_path, replica, run, smtp_server):
    mail_url, _ = smtp_server
    routes = tmp_path / "notify.yml"
    routes.write_text(config(mail_url, {"x@example.lv": ("project:nakotnes-projekts", set())}), encoding="utf-8")
    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml")), "--notify-config", str(routes))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("tag 'project:nakotnes-projekts' matches no project yet") == 1


def _soon(days: int) -> str:
    return f"{date.today() + timedelta(days=days):%d.%m.%Y}."


def test_the_outlook_lists_coming_meetings_in_date_order_and_routes_them(tmp_path, replica, run, smtp_server):
    mail_url, mailbox = smtp_server
    for days, city in ((9, "Porto, Portugālē"), (3, "Tartu, Igaunijā"), (40, "Gentē, Beļģijā")):
        replica.centrs.add_article(Article(f"tiksanas-{days}", "Drīzumā partneru tikšanās", date.today().isoformat(), (
            f"{_soon(days)} {city} notiks URBACT projekta “Gudras pilsētas dati” partneru tikšanās.",)))
    sites = replica.write_sites(tmp_path / "sites.toml")
    assert run("--sites", str(sites), "--no-baseline").returncode == 0
    routes = tmp_path / "notify.yml"
    routes.write_text(config(mail_url, {"urbact@example.lv": ("programme:urbact", set()),
                                        "muizas@example.lv": ("project:aktivas-muizas, meetings", set())}),
                      encoding="utf-8")

    done = projwatch("outlook", "--db", str(tmp_path / "projwatch.db"), "--sites", str(sites), "--notify-config",
                     str(routes), "--days", "14", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    texts = received(mailbox)
    assert set(texts) == {"urbact@example.lv"}          # Aktīvās muižas meets no one in the coming days
    [text] = texts["urbact@example.lv"]
    soon, later = (date.today() + timedelta(days=3)).isoformat(), (date.today() + timedelta(days=9)).isoformat()
    assert soon in text and later in text and text.index(soon) < text.index(later)
    assert (date.today() + timedelta(days=40)).isoformat() not in text
    assert "Finansējuma izmaiņas" in text and "Zaļie pagalmi" not in text


def test_the_outlook_of_an_empty_week_sends_nothing(tmp_path, run, smtp_server):
    mail_url, mailbox = smtp_server
    quiet = ReplicaSite("centrs", "kluss", "Klusā pašvaldība", _general(2024))
    with serve_sites(quiet):
        sites = tmp_path / "sites.toml"
        sites.write_text(quiet.site_entry(), encoding="utf-8")
        assert run("--sites", str(sites)).returncode == 0
    done = projwatch("outlook", "--db", str(tmp_path / "projwatch.db"), "--sites", str(sites), "--notify", mail_url,
                     cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "sent to 0 of 1 targets" in done.stdout and mailbox.messages == []
