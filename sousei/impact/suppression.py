"""Small-group suppression (秘匿): a pure engine over a table of figures (no ORM, no Django).

The rule (docs/impact.md, "Small groups"), after Japanese official statistics, which show a
cell built from 1 or 2 units as "x" and hide a second cell so that totals cannot reveal it:

- primary: a count or a sum computed from 1 or 2 people is hidden (0 is shown: it is nobody);
  a median or a rate needs at least MIN_PEOPLE people in its group, else it is hidden;
- secondary: where figures add up (`Sum`: total = parts), a relation never has exactly one
  hidden member, since the others would give it away: the smallest other member is hidden
  too, until no relation has a lone hidden member; a rate (`Ratio`) is hidden when its
  numerator or denominator is, since rate × denominator gives the numerator back;
- operators see every figure exactly: `exact=True` hides nothing.

A figure with no value (a median of nobody) is None and is listed as hidden as well, so a
reader sees one mark for "no figure" whatever the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

MIN_PEOPLE = 3

Kind = Literal["count", "sum", "median", "rate"]
Value = int | float | None


@dataclass(frozen=True)
class Cell:
    """One figure: its dotted name, its value and how many people it is computed from."""

    name: str
    value: Value
    n: int
    kind: Kind = "count"


@dataclass(frozen=True)
class Sum:
    """total = sum of parts, all of them shown figures."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Ratio:
    """ratio = numerator / denominator."""

    ratio: str
    numerator: str
    denominator: str


Relation = Sum | Ratio


@dataclass(frozen=True)
class Shown:
    """The figures a reader sees: None where hidden, and the names of every hidden figure."""

    values: dict[str, Value]
    hidden: frozenset[str]

    def __getitem__(self, name: str) -> Value:
        return self.values[name]


def too_few(cell: Cell) -> bool:
    """Primary suppression of one figure."""
    if cell.value is None:
        return True
    if cell.kind in ("count", "sum"):
        return 0 < cell.n < MIN_PEOPLE
    return cell.n < MIN_PEOPLE


def _members(relation: Sum) -> tuple[str, ...]:
    return (relation.total, *relation.parts)


def _complement(relation: Sum, hidden: set[str], cells: Mapping[str, Cell]) -> str | None:
    """The member to hide beside a lone hidden one: the smallest non-zero other part, else the
    total, else any other member."""
    others = [name for name in _members(relation) if name not in hidden]
    if not others:
        return None

    def size(name: str) -> float:
        value = cells[name].value
        return float(value) if isinstance(value, int | float) else 0.0

    parts = [name for name in others if name != relation.total and size(name) > 0]
    if parts:
        return min(parts, key=lambda name: (size(name), name))
    if relation.total in others:
        return relation.total
    return others[0]


def suppress(
    cells: Iterable[Cell], relations: Sequence[Relation] = (), *, exact: bool = False
) -> Shown:
    """Apply the rule to a table of figures. `exact` (operators) shows every value."""
    table = {cell.name: cell for cell in cells}
    for relation in relations:
        names = (
            _members(relation)
            if isinstance(relation, Sum)
            else (
                relation.ratio,
                relation.numerator,
                relation.denominator,
            )
        )
        unknown = [name for name in names if name not in table]
        if unknown:
            raise KeyError(f"relation names figures not in the table: {unknown}")
    if exact:
        hidden = {name for name, cell in table.items() if cell.value is None}
        return Shown({name: cell.value for name, cell in table.items()}, frozenset(hidden))
    hidden = {name for name, cell in table.items() if too_few(cell)}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if isinstance(relation, Ratio):
                if relation.ratio not in hidden and (
                    relation.numerator in hidden or relation.denominator in hidden
                ):
                    hidden.add(relation.ratio)
                    changed = True
                continue
            lone = sum(1 for name in _members(relation) if name in hidden)
            if lone == 1:
                extra = _complement(relation, hidden, table)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
    values = {name: (None if name in hidden else cell.value) for name, cell in table.items()}
    return Shown(values, frozenset(hidden))
