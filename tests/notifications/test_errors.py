"""``notifications/errors.py``: the package's exceptions — one base, ``ChannelError`` under it, exported by
the package and listed as a tree in its docstring; a ``ChannelError`` names the unusable URL or config
file and never its secret."""
import inspect
import re

import pytest

import notifications
from notifications import errors
from notifications.channels import build_channels
from notifications.errors import ChannelError, NotificationError

SECRET = "s3cretT0kenValue"


def declared_classes() -> dict[str, type]:
    return {name: cls for name, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, Exception) and cls.__module__ == errors.__name__}


def documented_tree() -> dict[str, str | None]:
    """Class name -> its parent's name, read from the indentation of the package docstring's tree."""
    block = notifications.__doc__.split("Exceptions:", 1)[1]
    tree, stack = {}, []
    for line in block.splitlines()[1:]:
        found = re.match(r"^(\s+)(\w+)\s+--", line)
        if not found:
            break
        depth = len(found[1])
        stack = [(d, name) for d, name in stack if d < depth]
        tree[found[2]] = stack[-1][1] if stack else None
        stack.append((depth, found[2]))
    return tree


def test_every_error_is_in_the_package_docstring_tree_under_its_parent():
    declared = declared_classes()
    assert documented_tree() == {
        name: next((base.__name__ for base in cls.__bases__ if base.__name__ in declared), None)
        for name, cls in declared.items()}


def test_one_base_and_the_package_exports_every_error():
    assert set(declared_classes()) == {"NotificationError", "ChannelError"}
    assert issubclass(ChannelError, NotificationError) and NotificationError.__bases__ == (Exception,)
    assert set(notifications.__all__) == set(declared_classes())
    assert all(getattr(notifications, name) is cls for name, cls in declared_classes().items())


def config(tmp_path, text: str) -> str:
    path = tmp_path / "notify.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("urls, make_config, names", [
    ([f"tgram://{SECRET}"], None, "--notify URL 1 is not a valid apprise URL: tgram://…"),
    ([f"nosuchscheme://user:{SECRET}@host"], None, "--notify URL 1 is not a valid apprise URL: nosuchscheme://…"),
    (["mailto://a@example.com", SECRET], None, "--notify URL 2 is not a valid apprise URL: (not a URL)"),
    ([], lambda tmp: str(tmp / "missing.yml"), "missing.yml: cannot read it (FileNotFoundError)"),
    ([], lambda tmp: config(tmp, "urls: []\n"), "it names no notification URL"),
    ([], lambda tmp: config(tmp, f"urls:\n  - json://user:{SECRET}@127.0.0.1/hook:\n      tag: sometimes\n"),
     "unknown tag 'sometimes'"),
], ids=["token-only-url", "unknown-scheme", "not-a-url", "missing-config", "empty-config", "unknown-tag"])
def test_an_unusable_target_raises_channel_error_naming_it_without_its_secret(tmp_path, urls, make_config, names):
    with pytest.raises(NotificationError) as raised:
        build_channels(urls, make_config(tmp_path) if make_config else None, environ={})
    assert type(raised.value) is ChannelError
    assert names in str(raised.value) and SECRET not in str(raised.value)
