"""A sample of alerts, in the shape of ``storage.outbox.pending_alerts`` rows, for ``projwatch notify-test``."""

SAMPLE_PAGE = "https://www.digitalaiscentrs.lv/jaunumi"
_PROJECT = {"project_id": 0, "project_name": "Pilsētu digitālās inovācijas", "project_name_en": "Digital Innovation 4 Cities",
            "acronym": "DI4C", "programme": "urbact", "page_url": SAMPLE_PAGE,
            "page_title": "projwatch paziņojumu pārbaude (piemērs, nevis īsta izmaiņa)"}

SAMPLE_ALERTS = (
    {**_PROJECT, "outbox_id": 0, "kind": "new_meeting", "old_value": None,
     "new_value": {"start": "2021-11-23", "end": "2021-11-24", "city": "Oulu", "country": "FI", "online": False,
                   "kind": "partner meeting"}},
    {**_PROJECT, "outbox_id": 0, "kind": "changed_funding",
     "old_value": {"amount": 146994.0, "currency": "EUR", "kind": "total", "holder": None, "share_pct": None},
     "new_value": {"amount": 747365.12, "currency": "EUR", "kind": "total", "holder": None, "share_pct": None}},
)
