"""The text of the benches' generated articles: a municipal news item about a cooperation project (a
partner meeting abroad, the partners' countries, the budget and its EU share), about as long as the
shared corpus's real articles (107 pages: median 1 629 characters of text, 3 under 400). A shorter
text would take trafilatura's fallback pass (``crawler/extract/html.py``: under 400 characters) on
every page, which real pages seldom do."""

PARAGRAPHS = (
    "Pašvaldība {n}. reizi rīkoja iedzīvotāju forumu par pilsētvides attīstību, satiksmes drošību un "
    "jaunajiem projektiem, kuros iesaistās gan skolas, gan uzņēmēji, gan nevalstiskās organizācijas.",
    "No {d}. līdz {e}. novembrim Tartu, Igaunijā notika projekta “Vietne {s} dati {n}” partneru tikšanās, "
    "kurā piedalījās arī pašvaldības attīstības nodaļas pārstāvji. Tikšanās laikā partneri apsprieda "
    "pirmajā gadā paveikto, apmeklēja vietējās bibliotēkas un skolas un vienojās par nākamajiem soļiem.",
    "Projektā piedalās partneri no Igaunijas, Somijas un Lietuvas. Katrs partneris savā pilsētā "
    "izmēģinās vienu digitālu risinājumu iedzīvotāju apkalpošanai un dalīsies pieredzē ar pārējiem.",
    "Projekta kopējais budžets ir EUR {n} 400,00, no tiem ERAF finansējums – EUR {n} 340,00.",
    "Izmēģinājuma rezultāti tiks apkopoti ziņojumā, kas būs pieejams visiem interesentiem. Iedzīvotāji "
    "aicināti izteikt savu viedokli aptaujā, kas atvērta līdz mēneša beigām, kā arī piedalīties darbnīcās, "
    "kuras notiks bibliotēkā un kultūras namā darba dienu vakaros.",
    "Pašvaldība sadarbībā ar kaimiņu novadiem jau iepriekš īstenoja vairākus līdzīgus projektus, kuru "
    "laikā tika atjaunoti parki, ierīkoti veloceliņi un uzlabota sabiedriskā transporta pieejamība.",
    "Sīkāka informācija pieejama pašvaldības mājaslapā, sociālo tīklu kontos un pa tālruni darba laikā.",
)


def article_text(n: int, site: int = 0) -> tuple[str, ...]:
    """The paragraphs of the ``n``-th article of generated site number ``site``."""
    return tuple(paragraph.format(n=n, s=site, d=1 + n % 20, e=2 + n % 20) for paragraph in PARAGRAPHS)
