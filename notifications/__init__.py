"""Alerts: channels from the user's settings, Latvian digests of changes, delivery with apprise.

Imports ``storage`` (the outbox) and nothing else of ours.

    channels.py -- ``build_channels``: ``--notify`` URLs, ``PROJWATCH_NOTIFY``, an apprise YAML config with tags
    render.py   -- the digest (or one message per change) as plain text and HTML
    deliver.py  -- ``deliver_pending``: an outbox's pending rows to each channel, marked sent or retried

Exceptions:
    NotificationError       -- base of the errors below
      ChannelError          -- a notification URL or config file is unusable; the message names it, never a secret

A failed delivery is not an exception: as with apprise's own ``notify()``, it is reported and its
outbox rows stay pending for the next run.
"""
from notifications.errors import ChannelError, NotificationError

__all__ = ["ChannelError", "NotificationError"]
