"""Records to JSON-ready values and back: what the build folder's JSON outputs and the read cache hold.

Generic over the model's dataclasses (guided by their field types), so a field added to a record is written and
read back with no code here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import asdict
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(record: Any) -> Any:
    """Records → JSON-ready dicts (tuples become lists)."""
    return asdict(record)


def from_plain(cls: type[T], data: Any) -> T:
    """JSON-ready dicts → records: the inverse of :func:`to_plain`, guided by the field types.

    >>> from policykg.ontology.records import Provenance, Span
    >>> span = Span("a.txt", 3, 5)
    >>> from_plain(Provenance, to_plain(Provenance(span, "rule"))) == Provenance(span, "rule")
    True
    """
    return typing.cast(T, _decode(cls, data))


@cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp(**{name: _decode(t, value[name]) for name, t in _field_types(tp) if name in value})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        inner = [a for a in args if a is not type(None)]
        return _decode(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is list:
        return [_decode(args[0], v) for v in value]
    if origin is dict:
        return {k: _decode(args[1], v) for k, v in value.items()}
    return value
