"""A project's row is decided from what all its pages state (storage/project_statements.py)."""
import pytest

from storage.project_statements import decide


def stated(programme=None, name=None, acronym=None, lead=None, lead_country=None, name_en=None):
    return {"programme": programme, "name": name, "name_en": name_en, "acronym": acronym, "lead_partner": lead,
            "lead_partner_country": lead_country}


@pytest.mark.parametrize("statements, expected", [
    # a named programme beats "other", however many pages said only "other"
    ([stated("other"), stated("other"), stated("urbact")], {"programme": "urbact"}),
    # the most stated value beats a single mention
    ([stated("interreg-europe"), stated("urbact"), stated("urbact")], {"programme": "urbact"}),
    # a tie goes to the page first seen
    ([stated("interreg-bsr"), stated("urbact")], {"programme": "interreg-bsr"}),
    # a later page adds what earlier ones lacked
    ([stated(name="Gudrā pilsēta"), stated(acronym="GP", name_en="Smart Town")],
     {"name": "Gudrā pilsēta", "acronym": "GP", "name_en": "Smart Town"}),
    ([stated(name="Gudrās pilsētas"), stated(name="Gudrā pilsēta"), stated(name="Gudrā pilsēta")],
     {"name": "Gudrā pilsēta"}),
    # the lead partner's country is the one given with the lead partner decided
    ([stated(lead="Tartu pilsēta", lead_country="EE"), stated(lead="Ogres novads", lead_country="LV"),
      stated(lead="Tartu pilsēta")], {"lead_partner": "Tartu pilsēta", "lead_partner_country": "EE"}),
    ([stated()], {"programme": None, "name": None, "lead_partner": None}),
])
def test_decide(statements, expected):
    decided = decide(statements)
    assert {key: decided[key] for key in expected} == expected
