"""The exception base of the domain layer; each sub-package derives its own from it."""


class CoreError(Exception):
    """Base of every error raised by ``ccedge.core``.

    Messages name the field or input that is wrong and never carry call content
    (no digits, no transcript text): they may reach a log line or a console.
    """
