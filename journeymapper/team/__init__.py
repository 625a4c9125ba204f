"""Team workspaces: a workspace kept on a PostgreSQL server instead of a file (Qt-free).

Same SQLModel tables and the same editing service as a file; what is only the server's
(the registry of workspaces, the change log, LISTEN/NOTIFY, the writers' lock) lives here,
behind :class:`~journeymapper.team.document.TeamDocument`.
"""
