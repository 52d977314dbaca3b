"""What a register declares to join the import framework: its columns (each typed, with help
text and an example), the column holding the office's own reference (the key that makes a
second import of the same file change nothing) and the function that writes one row through
the app's services.

Apps register their registers from ``AppConfig.ready()`` with :func:`register_import`; the
registers page, ``manage.py import_register`` and the engine (:mod:`.engine`) never name an app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# Column types the engine converts a cell to (see engine.convert):
TEXT, DATE, DECIMAL, INT, CHOICE, UNIT, ORGANISATION, PERSON, BOOL = (
    "text",
    "date",
    "decimal",
    "int",
    "choice",
    "unit",
    "organisation",
    "person",
    "bool",
)
TYPES = (TEXT, DATE, DECIMAL, INT, CHOICE, UNIT, ORGANISATION, PERSON, BOOL)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class Column:
    """One column of a register's file.

    ``choices`` (for ``choice``) is a list of ``(value, label)`` pairs or a function returning
    one (types the office edits are read when the file is); a cell may give the value or the
    label. ``many`` lets a cell hold several values separated by ``;`` (the parties of a
    memorandum). ``aliases`` are other headings the column is recognised by.
    """

    key: str
    type: str = TEXT
    label: Any = ""
    required: bool = False
    help: Any = ""
    example: str = ""
    choices: Any = None
    many: bool = False
    aliases: tuple[str, ...] = ()

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"Unknown column type {self.type!r}; use one of {TYPES}")

    def choice_list(self) -> list[tuple[str, Any]]:
        c = self.choices() if callable(self.choices) else self.choices
        return list(c or [])


class RowError(Exception):
    """A row is refused: its messages are shown on the row of the report."""

    def __init__(self, messages: str | Iterable[str]):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(str(m) for m in self.messages))


@dataclass
class RowContext:
    """What ``write_row`` gets beside the values: the file's line, whether this is a dry run
    (validate everything, store no file), the files of the ZIP that carry this row's reference,
    notes to show on the row (a new organisation, a matched one) and a cache shared by the rows
    of one import."""

    line: int
    dry_run: bool = False
    files: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cache: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Register:
    """One register of the office that can be imported.

    ``write_row(values, *, by, ctx)`` receives the converted values (by column key; an empty
    cell is None, or [] for a ``many`` column), writes through the app's services and returns
    ``(object, outcome)`` with outcome one of CREATED, UPDATED, UNCHANGED; it raises
    :class:`RowError` or ``ValidationError`` to refuse the row (the engine rolls the row back).
    ``reference`` names the column keying idempotency; ``attachments`` says the register takes
    a ZIP of documents whose file names start with a row's reference.
    """

    key: str
    label: Any
    columns: tuple[Column, ...]
    write_row: Callable[..., tuple[Any, str]]
    reference: str
    can_import: Callable[[Any], bool]
    description: Any = ""
    attachments: bool = False
    order: int = 100
    # Optional: a function (object) -> URL shown on the report's row.
    object_url: Callable[[Any], str] | None = None
    # Optional: finish(cache, *, by) once every row is written (not on a dry run), in the same
    # transaction: work done once per import rather than per row (re-indexing a profile).
    finish: Callable[..., None] | None = None

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


_REGISTERS: dict[str, Register] = {}


def register_import(
    key: str,
    *,
    label,
    columns: Iterable[Column],
    write_row: Callable[..., tuple[Any, str]],
    reference: str,
    can_import: Callable[[Any], bool],
    description="",
    attachments: bool = False,
    order: int = 100,
    object_url: Callable[[Any], str] | None = None,
    finish: Callable[..., None] | None = None,
) -> Register:
    columns = tuple(columns)
    keys = [c.key for c in columns]
    if len(set(keys)) != len(keys):
        raise ValueError(f"Register {key!r} declares a column twice")
    if reference not in keys:
        raise ValueError(f"Register {key!r}: the reference column {reference!r} is not declared")
    reg = Register(
        key=key,
        label=label,
        columns=columns,
        write_row=write_row,
        reference=reference,
        can_import=can_import,
        description=description,
        attachments=attachments,
        order=order,
        object_url=object_url,
        finish=finish,
    )
    _REGISTERS[key] = reg
    return reg


def registers() -> list[Register]:
    return sorted(_REGISTERS.values(), key=lambda r: (r.order, r.key))


def get_register(key: str) -> Register | None:
    return _REGISTERS.get(key)


def registers_for(user) -> list[Register]:
    """The registers ``user`` may import."""
    return [r for r in registers() if r.can_import(user)]


# Context managers every import runs inside (an app's batching of background work, such as the
# SDG suggestions new records ask for), registered from that app's ready().
_WRAPPERS: dict[str, Callable[[], Any]] = {}


def register_import_wrapper(key: str, factory: Callable[[], Any]) -> None:
    _WRAPPERS[key] = factory


def import_wrappers() -> list[Callable[[], Any]]:
    return [_WRAPPERS[k] for k in sorted(_WRAPPERS)]
