"""The README's worked routing config is valid for the shipped site list, and routes as its text says."""
import re

from crawler.cli_common import load_channels, load_site_list
from crawler.kinds import Route
from storage.outbox import route_wants
from tests.conftest import ROOT

EXAMPLE = re.search(r"```yaml\n(urls:.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)


def test_the_readme_routing_example_is_valid_and_routes_as_described(tmp_path):
    config = tmp_path / "notify.yml"
    config.write_text(EXAMPLE, encoding="utf-8")
    channels = load_channels((), config, load_site_list(ROOT / "sites.toml"))
    routes = {channel.label.rsplit("/", 1)[-1] if channel.label.startswith("tgram") else channel.label: channel.routes
              for channel in channels}
    assert len(channels) == 5
    [smiltene] = [route for label, (route,) in routes.items() if "smiltenesnovads" in str(route.sites)]
    assert smiltene == Route(sites=frozenset({"smiltenesnovads"}))
    assert route_wants(smiltene, "new_meeting", "smiltenesnovads", "urbact", []) and \
        not route_wants(smiltene, "new_meeting", "valmierasnovads", "urbact", [])
    [urbact] = [route for label, (route,) in routes.items() if route.programmes]
    assert route_wants(urbact, "changed_funding", "ventspils", "urbact", []) and \
        not route_wants(urbact, "new_meeting", "ventspils", "urbact", [])
