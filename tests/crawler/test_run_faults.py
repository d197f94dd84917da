"""Bad input on the web is counted, logged and skipped; bad input from the user is one line, exit 2."""
import pytest
import sqlite_utils
from filelock import FileLock

from tests.conftest import FAST, ROOT, article_urls, closed_port, projwatch, stored_urls
from tests.replica.dns import dns_server
from tests.replica import Article
from tests.replica.site import Fault

CP1257_TEXT = "Ūdens, ķirbji un ģimenes: Ērgļu pagasta svētkos piedalījās 300 iedzīvotāji."


def page_html(title: str, text: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><nav>Sākums Jaunumi</nav>"
            f"<article><h1>{title}</h1><p>{text}</p><p>Paldies visiem dalībniekiem!</p></article><footer>Kājene</footer></body></html>")


def add_fault(site, slug: str, fault: Fault) -> str:
    article = Article(slug, slug, "2024-11-01", ("Teksts.",))
    site.add_article(article)
    site.faults[site.article_path(article)] = fault
    return site.article_path(article)


def test_bad_pages_are_counted_and_the_rest_is_stored(tmp_path, replica, run):
    site = replica.centrs
    good = [site.url(site.article_path(article)) for article in site.articles]
    add_fault(site, "nav-atrasts", Fault(status=404))
    add_fault(site, "servera-kluda", Fault(status=500))
    loop = add_fault(site, "cilpa", Fault(status=302, location="/jaunumi/2024/cilpa?n=1"))
    for hop in range(1, 20):   # a redirect chain that never ends, each hop a new URL
        site.faults[f"{loop}?n={hop}"] = Fault(status=302, location=f"{loop}?n={hop + 1}")
    add_fault(site, "milzigs", Fault(body=b"<html><body>" + b"a" * (40 * 1024 * 1024) + b"</body></html>"))
    add_fault(site, "binars", Fault(body=bytes(range(256)) * 64))
    cp1257 = add_fault(site, "kodejums", Fault(
        body=page_html("Svētki Ērgļos", CP1257_TEXT).encode("cp1257"),
        content_type="text/html; charset=windows-1257"))
    broken = add_fault(site, "salauzts", Fault(
        body=b"<html><body><div><article><h1>Nepabeigts</h1><p>Skolas sporta laukums atjaunots par "
             b"pasvaldibas lidzekliem.<p>Darbi pabeigti rudeni.<b>Atklasana <i>piektdien</div></table>"))

    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml", site)))

    assert done.returncode == 0, done.stderr
    db = sqlite_utils.Database(tmp_path / "projwatch.db")
    urls = {row["url"] for row in db["pages"].rows}
    assert set(good) <= urls
    assert db["pages"].get(site.url(cp1257))["text"].count(CP1257_TEXT) == 1
    assert "Skolas sporta laukums" in db["pages"].get(site.url(broken))["text"]
    for slug in ("nav-atrasts", "servera-kluda", "cilpa", "milzigs", "binars"):
        assert site.url(f"/jaunumi/2024/{slug}") not in urls
    for kind in ("http_404", "http_500", "too_large", "not_text"):
        assert kind in done.stderr, kind
    assert "max redirections reached" in done.stderr
    assert summary_row(done.stdout, "centrs")["errors"] == "5"   # 404, 500, redirects, size, binary


def summary_row(stdout: str, site: str) -> dict[str, str]:
    lines = stdout.splitlines()
    header = next(line for line in lines if line.startswith("site  "))
    names = header.replace("pages seen", "pages_seen").split()
    row = next(line for line in lines[lines.index(header):] if line.split()[0] == site)
    return dict(zip(names, row.split()))


@pytest.mark.parametrize("kind", ["refused", "dns"])
def test_an_unreachable_site_fails_the_run_alone(tmp_path, replica, run, kind):
    with closed_port() as port, dns_server() as dns:
        # nothing listens on a port held bound; a name asked only of a loopback DNS server knowing none
        url = f"http://127.0.0.1:{port}/jaunumi" if kind == "refused" else "http://projwatch-replica.invalid/jaunumi"
        sites = replica.write_sites(tmp_path / "sites.toml", replica.blog)
        sites.write_text(sites.read_text() + f"""
[[sites]]
name = "miris"
title = "Nepieejama vietne"
start_urls = ["{url}"]
articles = ['/jaunumi/\\d{{4}}/']
""")
        done = run("--sites", str(sites), "-s", "DNS_RESOLVER=tests.replica.dns.LoopbackResolver",
                   "-s", f"PROJWATCH_TEST_DNS_PORT={dns.port}")
    assert done.returncode == 1
    assert "miris" in done.stdout and "FAILED" in done.stdout
    assert summary_row(done.stdout, "miris")["errors"] == "1"
    assert f"{kind}: listing {url}" in done.stderr
    assert sqlite_utils.Database(tmp_path / "projwatch.db")["pages"].count == len(replica.blog.articles)
    assert set(dns.asked) == ({"projwatch-replica.invalid"} if kind == "dns" else set())   # not the system resolver


def test_unwritable_database_path_is_one_line_exit_2(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs)
    done = run("--sites", str(sites), db=tmp_path / "no" / "such" / "folder" / "x.db")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "x.db" in done.stderr or "folder" in done.stderr
    assert replica.centrs.served == []


def test_overlapping_run_exits_75_at_once(tmp_path, replica, run):
    sites = replica.write_sites(tmp_path / "sites.toml", replica.centrs)
    with FileLock(f"{tmp_path / 'projwatch.db'}.lock"):
        done = run("--sites", str(sites))
    assert done.returncode == 75
    assert "another run" in done.stderr
    assert replica.centrs.served == []


def test_bad_setting_override_is_one_line_exit_2(tmp_path, replica, run):
    done = run("--sites", str(replica.write_sites(tmp_path / "sites.toml")), "-s", "NOEQUALS")
    assert done.returncode == 2 and "NAME=VALUE" in done.stderr


def test_a_page_the_reader_fails_on_is_skipped_and_read_afresh_later(tmp_path, replica):
    """README: a page "the reader or extractor fails on is a logged, counted skip that leaves nothing
    half-stored: the crawl goes on … and a later run reads the page afresh"."""
    site = replica.centrs
    sites = replica.write_sites(tmp_path / "sites.toml", site, fresh_days=100000)
    broken = site.url(site.article_path(site.articles[1]))
    db_path = tmp_path / "projwatch.db"
    faulty = {"PYTHONPATH": f"{ROOT / 'tests/replica/faulty_reader'}:{ROOT}",
              "PROJWATCH_TEST_READER_FAILS": broken.rsplit("/", 1)[1]}
    done = projwatch("run", "--sites", str(sites), "--db", str(db_path), *FAST, cwd=tmp_path, env=faulty)

    assert done.returncode == 0, done.stderr
    assert f"read: article {broken} skipped" in done.stderr and "RecursionError" in done.stderr
    assert summary_row(done.stdout, "centrs")["errors"] == "1"
    db = sqlite_utils.Database(db_path)
    assert stored_urls(db_path) == article_urls(site) - {broken}
    assert db["page_versions"].count_where("url = ?", [broken]) == 0
    assert db["fact_sources"].count_where("page_url = ?", [broken]) == 0

    fixed = projwatch("run", "--sites", str(sites), "--db", str(db_path), *FAST, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert stored_urls(db_path) == article_urls(site)
