"""The Latvian digest: amounts, titles, grouping by project, escaping, splitting to a size limit."""
import pytest

from notifications.render import (
    describe_change, digest_messages, digest_title, format_amount, meeting_words, outlook_message, per_change_messages,
    render_html, render_text,
)


def alert(outbox_id, kind="new_meeting", project_id=1, old=None, new=None, **extra):
    new = new if new is not None or kind == "removed_funding" else {
        "start": "2021-11-23", "end": "2021-11-24", "city": "Oulu", "country": "FI", "online": False,
        "kind": "partner meeting"}
    return {"outbox_id": outbox_id, "kind": kind, "project_id": project_id, "old_value": old, "new_value": new,
            "page_url": f"https://digitalaiscentrs.lv/jaunumi/{outbox_id}", "page_title": None,
            "project_name": f"Projekts {project_id}", "project_name_en": None, "acronym": None,
            "programme": "urbact", **extra}


def money(amount, kind="total", holder=None):
    return {"amount": amount, "currency": "EUR", "kind": kind, "holder": holder, "share_pct": None}


@pytest.mark.parametrize("amount, shown", [
    (152310, "EUR 152 310,00"), (747365.12, "EUR 747 365,12"), (638, "EUR 638,00"),
    (5000000, "EUR 5 000 000,00"), (0.5, "EUR 0,50"),
])
def test_amounts_read_the_latvian_way(amount, shown):
    assert format_amount(amount) == shown


@pytest.mark.parametrize("count, title", [
    (1, "projwatch: 1 jauna izmaiņa"), (2, "projwatch: 2 jaunas izmaiņas"), (11, "projwatch: 11 jaunas izmaiņas"),
    (21, "projwatch: 21 jauna izmaiņa"), (111, "projwatch: 111 jaunas izmaiņas"),
])
def test_titles_count_in_latvian(count, title):
    assert digest_title(count) == title


@pytest.mark.parametrize("change, text", [
    (alert(1), "Jauna tikšanās: 2021-11-23 – 2021-11-24, Oulu, FI (partneru sanāksme)"),
    (alert(1, new={"start": "--02-16", "end": "--02-16", "city": None, "country": None, "online": True,
                   "kind": "City Lab"}), "Jauna tikšanās: --02-16, tiešsaistē (City Lab)"),
    (alert(1, "new_funding", new=money(60892, "eu", "Ventspils Digitālais centrs")),
     "Jauns finansējums, ES finansējums (Ventspils Digitālais centrs): EUR 60 892,00"),
    (alert(1, "changed_funding", old=money(146994), new=money(747365.12)),
     "Mainīts finansējums, kopējās izmaksas: EUR 146 994,00 → EUR 747 365,12"),
    (alert(1, "removed_funding", old=money(7163, "municipal")),
     "Finansējums vairs netiek minēts, pašvaldības līdzfinansējums: EUR 7 163,00"),
])
def test_each_change_in_latvian(change, text):
    assert describe_change(change) == text


def test_digest_groups_changes_by_project():
    text = render_text([alert(1), alert(2, project_id=1), alert(3, project_id=2)])
    assert text.count("Projekts 1 · URBACT") == 1 and text.count("Projekts 2 · URBACT") == 1
    assert text.index("Projekts 2") > text.index("https://digitalaiscentrs.lv/jaunumi/2")


def test_html_escapes_scraped_text_and_links_only_web_pages():
    hostile = alert(1, project_name="<img src=x onerror=alert(1)>", page_title='"><script>x</script>')
    hostile["page_url"] = "javascript:alert(1)"
    html = render_html([hostile])
    assert "<img" not in html and "<script>" not in html and "href=" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_long_scraped_text_is_clipped():
    text = render_text([alert(1, project_name="Ļoti garš nosaukums " * 100)])
    assert len(text.splitlines()[0]) < 250 and "…" in text


def test_split_digest_fits_the_limit_and_keeps_every_change_once():
    alerts = [alert(number, project_id=number // 10) for number in range(60)]

    messages = digest_messages(alerts, max_chars=1500)

    assert len(messages) > 1
    assert all(len(m.title) + len(m.text) + 2 <= 1500 for m in messages)
    assert [i for m in messages for i in m.outbox_ids] == list(range(60))
    assert messages[0].title == f"projwatch: 60 jaunas izmaiņas (1/{len(messages)})"
    assert digest_messages(alerts)[0].outbox_ids == tuple(range(60))


def test_per_change_gives_one_message_per_change():
    messages = per_change_messages([alert(1), alert(2, "new_funding", new=money(10))])
    assert [(m.title, m.outbox_ids) for m in messages] == [
        ("projwatch: Jauna tikšanās – Projekts 1", (1,)), ("projwatch: Jauns finansējums – Projekts 1", (2,))]


def outlook_meeting(start, project="Gudras pilsētas dati", acronym=None, city="Tartu", online=False):
    return {"start": start, "end": start, "city": city, "country": "EE", "online": online, "kind": "partner meeting",
            "project_title": project, "acronym": acronym, "page_url": f"https://x.lv/{start}"}


def test_the_outlook_lists_meetings_then_funding_under_their_projects():
    meetings = [outlook_meeting("2026-12-03", acronym="GPD"), outlook_meeting("2026-12-05", project=None, online=True),
                outlook_meeting("2026-12-07", acronym="GPD")]
    funding = [{"kind": "changed_funding", "old_value": money(100), "new_value": money(150),
                "project_title": "Zaļie pagalmi", "acronym": "Zaļie pagalmi", "page_url": None}]
    message = outlook_message(meetings, funding, 14, 7)
    assert message.title == "projwatch: 3 tikšanās 14 dienās, 1 finansējuma izmaiņas"
    assert message.outbox_ids == ()
    assert message.text == (
        "Tikšanās nākamajās 14 dienās\n"
        "Gudras pilsētas dati (GPD)\n"
        "  • 2026-12-03, Tartu, EE (partneru sanāksme)\n    Avots: https://x.lv/2026-12-03\n"
        "  • 2026-12-07, Tartu, EE (partneru sanāksme)\n    Avots: https://x.lv/2026-12-07\n"
        "Projekts bez nosaukuma\n"
        "  • 2026-12-05, tiešsaistē (partneru sanāksme)\n    Avots: https://x.lv/2026-12-05\n\n"
        "Finansējuma izmaiņas pēdējās 7 dienās\n"
        "Zaļie pagalmi\n"
        "  • Mainīts finansējums, kopējās izmaksas: EUR 100,00 → EUR 150,00\n    Avots: ")
    assert message.html.startswith("<h2>Tikšanās nākamajās 14 dienās</h2><h3>Gudras pilsētas dati (GPD)</h3><ul>"
                                   "<li>2026-12-03, Tartu, EE (partneru sanāksme)<br>Avots: https://x.lv/2026-12-03</li>")
    assert "<h2>Finansējuma izmaiņas pēdējās 7 dienās</h2><h3>Zaļie pagalmi</h3>" in message.html


def test_an_outlook_of_funding_alone_or_of_nothing():
    only = outlook_message([], [{"kind": "new_funding", "old_value": None, "new_value": money(10),
                                 "project_title": "P", "acronym": None, "page_url": "https://x.lv/p"}], 14, 7)
    assert only.text.startswith("Finansējuma izmaiņas pēdējās 7 dienās\nP\n") and "Tikšanās" not in only.text
    assert outlook_message([], [], 14, 7) is None


@pytest.mark.parametrize("meeting, words", [
    ({"start": "2026-12-03", "end": None, "city": "Oulu", "country": "FI", "online": False, "kind": None},
     "2026-12-03, Oulu, FI"),
    ({"start": "2026-12-03", "end": "2026-12-03", "city": None, "country": "FI", "online": False, "kind": "a gathering"},
     "2026-12-03, FI (a gathering)"),                      # a kind of no label: as it is
    ({"start": "2026-12-03", "end": "2026-12-04", "city": "Oulu", "country": "FI", "online": True, "kind": "partner meeting"},
     "2026-12-03 – 2026-12-04, tiešsaistē (partneru sanāksme)"),
])
def test_meeting_words(meeting, words):
    assert meeting_words(meeting) == words
