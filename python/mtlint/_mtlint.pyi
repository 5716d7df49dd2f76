"""Type stubs of the native module of mtlint (built from python/src/ with PyO3)."""

import os
from typing import Any, Mapping, final

__all__ = [
    "Linter",
    "ConfigError",
    "FormatError",
    "__version__",
    "DEFAULT_PATH",
    "FORMATS",
    "LANGUAGES",
]

__version__: str
DEFAULT_PATH: str
"""The path reported for a text when the caller names none: ``<text>``."""
FORMATS: list[str]
"""The formats a text can be read as: ``text``, ``markdown``."""
LANGUAGES: list[str]
"""The values of ``lang``: ``auto`` and the two-letter codes."""

class ConfigError(ValueError):
    """An invalid configuration or rule pack; ``str(error)`` is ``file:line: message``."""

    path: str
    line: int | None
    message: str

class FormatError(ValueError):
    """A text that is not valid in its format; ``str(error)`` is ``path:line:column: message``."""

    path: str
    line: int
    column: int
    offset: int
    message: str

@final
class Linter:
    """The rules of one configuration, built once; calls release the GIL."""

    def __new__(
        cls,
        lang: str | None = None,
        config: str | Mapping[str, Any] | os.PathLike[str] | None = None,
    ) -> Linter: ...
    @property
    def lang(self) -> str:
        """The language texts are linted as: ``auto`` or a two-letter code."""
    def check(
        self, text: str, *, path: str = "<text>", format: str | None = None
    ) -> list[dict[str, Any]]:
        """The problems of ``text``, one dict each in the JSON output contract."""
    def fix(
        self,
        text: str,
        *,
        path: str = "<text>",
        format: str | None = None,
        unsafe: bool = False,
    ) -> str:
        """``text`` with its safe fixes applied (and the unsafe ones with ``unsafe=True``)."""
    def score(
        self, text: str, *, path: str = "<text>", format: str | None = None
    ) -> dict[str, Any]:
        """``words``, ``problems``, ``per_1000_words``, ``categories``, ``severities``,
        ``foreign_share``."""
    def __reduce__(self) -> tuple[Any, ...]: ...
