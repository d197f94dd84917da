"""The replica's articles, written for the tests in the manner of the monitored sites' news."""
from tests.replica.site import Article, ReplicaSite

GENERAL = [
    ("vasaras-darbnicas-skoleniem", "Vasaras darbnīcās skolēni programmē robotus",
     "Jūlijā centrā notika trīs radošās darbnīcas skolēniem no 10 līdz 14 gadu vecumam. "
     "Dalībnieki apguva programmēšanas pamatus un salika savus pirmos robotus."),
    ("atjaunota-biblioteka", "Atjaunotajā bibliotēkā iekārtota lasītava",
     "Pilsētas bibliotēkā pēc remonta atvērta jauna lasītava ar 40 vietām. "
     "Apmeklētāji var izmantot arī datorus un bezvadu internetu."),
    ("sporta-svetki", "Novada sporta svētkos uzvar komanda no pagasta",
     "Sestdien stadionā notika ikgadējie sporta svētki, kuros piedalījās 12 komandas. "
     "Uzvarētāji saņēma kausu un balvas no pašvaldības."),
    ("jauniesu-aptauja", "Jaunieši aicināti izteikt viedokli aptaujā",
     "Pašvaldība aicina jauniešus līdz mēneša beigām aizpildīt anketu par brīvā laika iespējām. "
     "Rezultāti palīdzēs plānot jaunatnes darbu nākamajam gadam."),
]


def _general(year: int) -> list[Article]:
    return [Article(f"{slug}", title, f"{year}-0{index + 3}-1{index}", (first, "Vairāk informācijas pa tālruni."))
            for index, (slug, title, first) in enumerate(GENERAL)]


def centrs_site() -> ReplicaSite:
    articles = [
        Article("partneru-tiksanas-tartu", "Notiks projekta “Gudras pilsētas dati” partneru tikšanās Tartu",
                "2024-10-20", (
                    "No 14. līdz 15. novembrim Tartu, Igaunijā notiks URBACT projekta “Gudras pilsētas dati” "
                    "partneru tikšanās, kurā piedalīsies arī Digitālā centra pārstāvji.",
                    "Tikšanās laikā partneri apspriedīs pilsētu datu platformu izveidi.",
                )),
        Article("sakas-projekts-gudras-pilsetas-dati", "Digitālais centrs uzsāk jaunu URBACT projektu",
                "2024-09-12", (
                    "Digitālais centrs sācis īstenot URBACT programmas projektu “Gudras pilsētas dati” "
                    "(Smart City Data, akronīms SCD).",
                    "Projekts ilgst no 2024. gada septembra līdz 2026. gada augustam.",
                    "Projekta vadošais partneris ir Tartu pilsētas pašvaldība (Igaunija), partneri: "
                    "Gentes pašvaldība (Beļģija), Porto pilsēta (Portugāle) un Ventspils Digitālais centrs (Latvija).",
                    "Projekta kopējais budžets ir EUR 612 400,00, tai skaitā Digitālā centra budžets ir "
                    "EUR 98 750,50, no kura 80% ERAF finansējums – EUR 79 000,40.",
                )),
        *_general(2024),
    ]
    return ReplicaSite("centrs", "centrs", "Digitālais centrs", articles)


def blog_site() -> ReplicaSite:
    articles = [
        Article("pieredzes-apmaina-valmiera", "Valmierā viesojas “Zaļo pagalmu” partneri", "2024-06-15", (
            "Otrdien, 11. jūnijā, Valmierā notika Interreg Baltijas jūras reģiona programmas projekta "
            "“Zaļie pagalmi” partneru pieredzes apmaiņas vizīte.",
            "Viesi no Somijas un Zviedrijas apmeklēja pilsētas pagalmus.",
        )),
        Article("zalie-pagalmi-sakas", "Sākas projekts “Zaļie pagalmi”", "2024-05-03", (
            "Valmiera kopā ar partneriem īsteno Interreg Baltijas jūras reģiona programmas projektu "
            "“Zaļie pagalmi” (Green Yards).",
            "Projekta kopējais apjoms ir 1 155 991.00 EUR, no tā Valmieras budžets – 184 300.00 EUR.",
        )),
        *_general(2024),
    ]
    return ReplicaSite("blog", "blogs", "Attīstības aģentūra", articles)


def portal_site() -> ReplicaSite:
    articles = [
        Article("aktivo-muizu-atklasana", "Notikusi projekta “Aktīvās muižas” atklāšanas sanāksme",
                "2024-10-18", (
                    "16. un 17. oktobrī Smiltenē notika Igaunijas–Latvijas programmas projekta “Aktīvās muižas” "
                    "atklāšanas sanāksme, kurā piedalījās partneri no Igaunijas.",
                )),
        Article("aktivas-muizas", "Projekts “Aktīvās muižas”", "2024-09-01", (
            "Pašvaldība īsteno Igaunijas–Latvijas programmas projektu “Aktīvās muižas” (EE-LV00123).",
            "Projekta kopējās izmaksas ir EUR 410 230,00, tai skaitā ERAF finansējums EUR 348 695,50.",
        ), kind="project"),
        *_general(2024),
    ]
    return ReplicaSite("portal", "portals", "Novada pašvaldība", articles)


def wordpress_site() -> ReplicaSite:
    """A WordPress municipality: posts at root slugs, /page/N/, /feed/, a sitemap index in robots.txt,
    and static pages at root slugs linked from its menu."""
    articles = [
        Article("delegacija-no-vacijas", "Novadā viesojas delegācija no Vācijas", "2024-11-05", (
            "No 4. līdz 5. novembrim novadā viesojās URBACT projekta “Mazās pilsētas” partneri no Vācijas.",
            "Partneri apmeklēja uzņēmumus un skolas.",
        )),
        Article("leader-projekti", "LEADER projekti – iespēja attīstīt lauku teritorijas", "2024-10-02", (
            "Pašvaldība īsteno LEADER programmas projektu “Lauku centri”, kura kopējās izmaksas ir EUR 95 400,00.",
        )),
        *_general(2023),
    ]
    return ReplicaSite("wordpress", "wordpress", "Pilsētas pašvaldība", articles)
