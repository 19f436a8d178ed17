"""The one error a settings folder raises: it names the file, the row and the field, so a user can fix it."""

from __future__ import annotations


class SettingsError(ValueError):
    """A settings file that cannot be used as written.

    `row` is the line number in the file (the header is line 1; comment lines count), `field` the column or
    key. Nothing of a bad settings folder is used: the load stops before anything is written.
    """

    def __init__(self, file: str, message: str, row: int | None = None, field: str | None = None):
        self.file = file
        self.row = row
        self.field = field
        self.detail = message
        where = file
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field {field}"
        super().__init__(f"settings {where}: {message}")
