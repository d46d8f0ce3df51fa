"""Team errors: each message says what happened and what to do, for the rep or the admin."""

from __future__ import annotations


class TeamError(Exception):
    """Something about the team server went wrong; nothing local is affected."""


class TeamConfigError(TeamError):
    """The team URL or settings cannot be used (a typo, an unknown parameter)."""


class TeamUnavailableError(TeamError):
    """The server cannot be reached, stopped answering, or the connection was lost.
    Whatever was being written was not committed: retrying is safe."""


class TeamAuthError(TeamError):
    """The server refused the login (wrong password, unknown login)."""


class TeamPermissionError(TeamError):
    """The server refused the change: the row belongs to a teammate, or only a lead may do it."""


class TeamSchemaError(TeamError):
    """The server has no team schema, or one this SalesDesk does not know (newer or older)."""
