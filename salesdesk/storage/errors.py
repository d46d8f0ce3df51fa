"""Storage errors. Kept apart from the Peewee code so the UI can import them cheaply."""


class StorageError(Exception):
    """The database could not be opened, read or written. The message is for the rep."""


class NewerSchemaError(StorageError):
    """The database was written by a newer SalesDesk."""


class UnknownCallError(StorageError):
    """No call with the given id."""
