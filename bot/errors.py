"""Errors a user can act on. The CLI prints their message as one line and exits non-zero, never a traceback."""

from __future__ import annotations


class NewsbotError(Exception):
    """Base of every error whose message is meant for the user as written."""


class StoreError(NewsbotError):
    """The database cannot be used: unknown DATABASE_URL scheme, unreachable server, failed migration."""


class BadArticle(NewsbotError):
    """An input file cannot be indexed (empty, binary, not UTF-8, too large, only headings); nothing is stored."""
