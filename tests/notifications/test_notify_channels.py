"""Channels from --notify URLs, PROJWATCH_NOTIFY and an apprise YAML config: validation and tags."""
import pytest

from notifications import ChannelError
from notifications.channels import build_channels, routing_of
from crawler.kinds import EVERYTHING, Route
from tests.notifications.conftest import TELEGRAM_TOKEN, TELEGRAM_URL

MAIL = "mailto://user:s3cretPass@mail.example.lv?to=staff@example.lv"
HOOK = "json://hooks.example.lv/projwatch"


def test_cli_urls_win_over_the_environment():
    channels = build_channels([HOOK], environ={"PROJWATCH_NOTIFY": MAIL})
    assert [channel.key.split("-")[0] for channel in channels] == ["json"]


def test_environment_lists_space_separated_urls():
    channels = build_channels([], environ={"PROJWATCH_NOTIFY": f"{HOOK}  {TELEGRAM_URL}\n"})
    assert [channel.key.split("-")[0] for channel in channels] == ["json", "tgram"]
    assert build_channels([], environ={}) == []


def test_keys_are_stable_and_labels_keep_no_secrets():
    first, second = build_channels([MAIL, TELEGRAM_URL]), build_channels([MAIL, TELEGRAM_URL])
    assert [c.key for c in first] == [c.key for c in second]
    for channel, secret in zip(first, ["s3cretPass", TELEGRAM_TOKEN]):
        assert secret not in channel.key + channel.label
        assert channel.redact(f"failed with {secret}: 401") == "failed with ***: 401"


def test_a_target_named_twice_is_one_channel():
    assert len(build_channels([HOOK, HOOK])) == 1


@pytest.mark.parametrize("url, named", [
    ("tgram://not-a-token", "--notify URL 2 is not a valid apprise URL: tgram://…"),
    ("nosuchservice://secret@host", "--notify URL 2 is not a valid apprise URL: nosuchservice://…"),
    ("just words with s3cretPass", "--notify URL 2 is not a valid apprise URL: (not a URL)"),
])
def test_a_bad_url_is_named_without_its_secrets(url, named):
    with pytest.raises(ChannelError) as raised:
        build_channels([HOOK, url])
    assert str(raised.value) == named


def test_bad_url_in_the_environment_names_the_variable():
    with pytest.raises(ChannelError, match="^PROJWATCH_NOTIFY URL 1 is not a valid apprise URL"):
        build_channels([], environ={"PROJWATCH_NOTIFY": "tgram://nope"})


def write_config(tmp_path, text):
    path = tmp_path / "notify.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_tags_choose_the_changes(tmp_path):
    config = write_config(tmp_path, f"""
urls:
  - {MAIL}:
      tag: funding
  - {TELEGRAM_URL}:
      tag: meetings, changed_funding
  - {HOOK}
""")
    wishes = list(routing_of(build_channels(config_path=config, environ={})).values())
    assert wishes == [(Route(kinds=frozenset({"new_funding", "changed_funding", "removed_funding"})),),
                      (Route(kinds=frozenset({"new_meeting", "changed_funding"})),), EVERYTHING]


def test_config_adds_to_cli_urls(tmp_path):
    config = write_config(tmp_path, f"urls:\n  - {MAIL}\n")
    assert len(build_channels([HOOK], config_path=config)) == 2


@pytest.mark.parametrize("text, message", [
    ("urls:\n  - tgram://bad-token/123\n", "Unparseable Telegram URL"),
    ("urls: [ {unclosed\n", "Invalid Apprise YAML"),
    ("version: 1\n", "names no notification URL"),
    (f"urls:\n  - {HOOK}:\n      tag: funds\n", "unknown tag 'funds'"),
])
def test_a_bad_config_is_named(tmp_path, text, message):
    config = write_config(tmp_path, text)
    with pytest.raises(ChannelError) as raised:
        build_channels(config_path=config, environ={})
    assert str(raised.value).startswith(f"notify config {config}: ") and message in str(raised.value)
    assert "bad-token" not in str(raised.value)


def test_a_missing_config_is_named(tmp_path):
    with pytest.raises(ChannelError, match=r"notify config .*missing.yml: cannot read it"):
        build_channels(config_path=tmp_path / "missing.yml", environ={})


@pytest.mark.parametrize("old, new", [
    ("mailtos://projwatch:OldPassword1@smtp.example.lv?to=projekti@example.lv",
     "mailtos://projwatch:n3w-Pass!word@smtp.example.lv?to=projekti@example.lv"),
    ("json://projwatch:old-secret@hooks.example.lv/projwatch", "json://projwatch:fresh-one@hooks.example.lv/projwatch"),
    # apprise's private form keeps a token's first and last characters: "tgram://1...q/12345"
    (TELEGRAM_URL, "tgram://987654321:ZZyyxxwwvvuuttssrrqqppoonnmmllkkjj/12345"),
])
def test_a_new_password_or_token_keeps_the_channel_key(old, new):
    """README: "A target keeps its pending alerts when its password or token changes" (the outbox's rows
    are keyed by the channel key)."""
    [before], [after] = build_channels([old]), build_channels([new])
    assert before.key == after.key
    other = old.replace("example.lv", "example.ee").replace("/12345", "/67890")   # another host or chat
    assert build_channels([other])[0].key != before.key


def test_targets_told_apart_only_by_their_secrets_stay_two_channels():
    """Two Discord webhooks (apprise hides both the id and the token) are two targets, not one."""
    channels = build_channels(["discord://1234567/AAAAtokenZZZZ", "discord://7654321/BBBBtokenYYYY"])
    assert len(channels) == 2 and channels[0].key != channels[1].key
