"""mtlint from Python: check, fix and score machine-translated and spun text.

The rules, the configuration and the output are those of the ``mtlint`` command line (the
same Rust engine, compiled into this package)::

    import mtlint

    mtlint.check("Le cupboard a démissionné.. Ensuite")     # list of dicts, the JSON contract
    mtlint.fix("Le cupboard a démissionné.. Ensuite")       # 'Le cupboard a démissionné. Ensuite'
    mtlint.score("Le cupboard a démissionné.. Ensuite")     # {'words': 5, 'problems': 2, ...}

    linter = mtlint.Linter(lang="fr", config={"select": ["punctuation"]})
    for text in texts:                                       # the rules are built once
        linter.check(text, path="article.md")

Every call releases the GIL while it works, so threads lint in parallel. The module-level
functions keep the linter of each (``lang``, ``config``) they meet, the last 16 of them; a
``Linter`` built once is the faster and clearer choice in a pipeline.

``config`` is None (the built-in defaults; no ``mtlint.toml`` is looked for), a ``str`` of
TOML (the content of an ``mtlint.toml``), a ``dict`` of the same settings
(``{"select": ["punctuation"], "severity": {"typography": "info"}}``), or an
``os.PathLike`` such as ``pathlib.Path("mtlint.toml")`` naming a configuration file. An
invalid configuration raises :class:`ConfigError` (a ``ValueError``) whose message names the
file (``<config>``, ``<dict>`` or the path) and line.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from typing import Any, Hashable, Mapping, Union

from ._mtlint import (
    DEFAULT_PATH,
    FORMATS,
    LANGUAGES,
    ConfigError,
    FormatError,
    Linter,
    __version__,
)

__all__ = [
    "DEFAULT_PATH",
    "FORMATS",
    "LANGUAGES",
    "Config",
    "ConfigError",
    "FormatError",
    "Linter",
    "__version__",
    "check",
    "fix",
    "score",
]

Config = Union[str, Mapping[str, Any], "os.PathLike[str]", None]
"""A configuration: None, TOML text, a dict of settings, or the path of an ``mtlint.toml``."""

_CACHE_SIZE = 16
_cache: OrderedDict[Hashable, Linter] = OrderedDict()
_cache_lock = threading.Lock()


def _cache_key(lang: str | None, config: Config) -> Hashable | None:
    """The key of a linter in the cache, or None when ``config`` cannot be keyed.

    A path is keyed by its absolute form and the file's modification time and size, so an
    edited file is read again; a dict by its JSON text with sorted keys.
    """
    if config is None or isinstance(config, str):
        return (lang, "value", config)
    if isinstance(config, Mapping):
        try:
            return (lang, "dict", json.dumps(config, sort_keys=True))
        except (TypeError, ValueError):
            return None
    if isinstance(config, os.PathLike):
        path = os.path.abspath(os.fspath(config))
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return (lang, "path", path, stat.st_mtime_ns, stat.st_size)
    return None


def _linter(lang: str | None, config: Config) -> Linter:
    """The linter of (``lang``, ``config``), built on first use and kept."""
    key = _cache_key(lang, config)
    if key is None:
        return Linter(lang=lang, config=config)
    with _cache_lock:
        linter = _cache.get(key)
        if linter is not None:
            _cache.move_to_end(key)
            return linter
        linter = Linter(lang=lang, config=config)
        _cache[key] = linter
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return linter


def check(
    text: str,
    *,
    lang: str | None = None,
    config: Config = None,
    path: str = DEFAULT_PATH,
    format: str | None = None,
) -> list[dict[str, Any]]:
    """The problems of ``text``, one dict each in the JSON output contract.

    Each dict has ``path``, ``rule``, ``category``, ``severity``, ``message``, ``start`` and
    ``end`` (each with ``line``, ``column`` and ``offset``: 1-based line, column in Unicode
    characters, byte offset into the UTF-8 text) and ``fix`` (None, or ``applicability``,
    ``message`` and ``edits``, a list of ``start``/``end``/``replacement``). ``path`` is the
    file name reported; its extension gives the format (``.md``: Markdown) unless ``format``
    (one of :data:`FORMATS`) is given. ``lang`` is one of :data:`LANGUAGES` (None: the
    configuration's, ``auto`` by default).
    """
    return _linter(lang, config).check(text, path=path, format=format)


def fix(
    text: str,
    *,
    unsafe: bool = False,
    lang: str | None = None,
    config: Config = None,
    path: str = DEFAULT_PATH,
    format: str | None = None,
) -> str:
    """``text`` with its safe fixes applied (and the unsafe ones with ``unsafe=True``)."""
    return _linter(lang, config).fix(text, path=path, format=format, unsafe=unsafe)


def score(
    text: str,
    *,
    lang: str | None = None,
    config: Config = None,
    path: str = DEFAULT_PATH,
    format: str | None = None,
) -> dict[str, Any]:
    """How damaged ``text`` is, as a dict.

    ``words``, ``problems``, ``per_1000_words``, ``categories`` and ``severities``
    (problems by category and by severity, every one listed, zeros included) and
    ``foreign_share`` (the share of its words in paragraphs in another language, 0 to 1).
    """
    return _linter(lang, config).score(text, path=path, format=format)
