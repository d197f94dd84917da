"""The errors of the notifications package (the tree is in the package docstring)."""


class NotificationError(Exception):
    """Base of every error raised by ``notifications``."""


class ChannelError(NotificationError):
    """A notification URL or config file cannot be used; the message names it without its secrets."""
