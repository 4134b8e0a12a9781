"""The build's two reduces: distinct names in, small tables out (never an article's text).

`link_units` reads every article's `linking.Summary` (each unit's spellings,
kinds and aliases, counted) in corpus order and joins the units that are
spellings of one body; it lists the companies' short names that the second
map (`linking.scan_shorts`) looks for. `name_entities` then counts the short
names found and gives each entity its number, name and kind. Both results are
plain data: a process pool's workers or a Dask cluster's get them as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from cgt_cli.extract.entities.find import is_generic, name_key, variants
from cgt_cli.extract.entities.words import trie_pattern
from cgt_cli.index.linking import SHORT_IN_ARTICLE, Summary, Unit


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)  # in order of first use: ties go to the first
    aliases: set[str] = field(default_factory=set)
    members: list[Unit] = field(default_factory=list)  # the units joined here, in the order of their hits


@dataclass
class Units:
    """The first reduce: where each unit's hits go, and the short names to look for."""

    groups: dict[Unit, _Group]  # the entities to be, in the order they are numbered
    root: dict[Unit, Unit]  # every unit → the unit of its entity
    rank: dict[Unit, int]  # where a unit's hits stand among its entity's (for stable order)
    shorts: dict[str, Unit]  # a company's short name → its entity's unit

    @cached_property
    def pattern(self):
        return re.compile(trie_pattern(self.shorts)) if self.shorts else None

    def __getstate__(self):  # the pattern is compiled where it is used
        state = dict(self.__dict__)
        state.pop("pattern", None)
        return state


def link_units(summaries: list[dict[Unit, Summary]]) -> Units:
    """Join the units whose names are spellings of one body (same family and scope)."""
    groups: dict[Unit, _Group] = {}
    for summary in summaries:
        for unit, said in summary.items():
            group = groups.get(unit)
            if group is None:
                group = groups[unit] = _Group(members=[unit])
            group.names.update(said.names)
            group.kinds.update(said.kinds)
            if said.aliased:
                group.kinds[next(iter(group.kinds))] += said.aliased  # the kind of the unit's first hit
            group.aliases |= said.aliases
    for unit in list(groups):
        if unit not in groups or unit[0] not in ("body", "place"):
            continue
        for name in set(groups[unit].names):
            for spelling in variants(name):
                other = (unit[0], unit[1], name_key(spelling))
                if other != unit and other in groups and unit in groups:
                    _join(groups, unit, other)
    root = {member: unit for unit, group in groups.items() for member in group.members}
    rank = {member: n for group in groups.values() for n, member in enumerate(group.members)}
    return Units(groups, root, rank, _shorts(groups))


def _join(groups: dict[Unit, _Group], keep: Unit, gone: Unit) -> None:
    source, target = groups.pop(gone), groups[keep]
    target.names.update(source.names)
    target.kinds.update(source.kinds)
    target.aliases |= source.aliases
    target.members += source.members


def _shorts(groups: dict[Unit, _Group]) -> dict[str, Unit]:
    """A company's short names (each owned by one body) of SHORT_IN_ARTICLE characters or more."""
    owners: dict[str, list[Unit]] = {}
    for unit, group in groups.items():
        if unit[0] != "body" or unit[1] is not None:
            continue
        seen = set(group.names)
        for short in set().union(*(variants(name) for name in seen)) - seen:
            if len(short) >= SHORT_IN_ARTICLE and not is_generic(short):
                owners.setdefault(short, []).append(unit)
    return {s: units[0] for s, units in owners.items() if len(set(units)) == 1}


@dataclass(frozen=True)
class Naming:
    """The second reduce: each entity's number, name and kind, by its unit."""

    number: dict[Unit, int]
    name: dict[Unit, str]
    kind: dict[Unit, str]
    aliases: dict[Unit, frozenset[str]]
    by_name: dict[str, Unit]  # a name → the last unlinked-scope entity of that name (for roles)


def name_entities(units: Units, used: Counter) -> Naming:
    """Names and kinds, once the short names used (`used`: (unit, short) → hits) are known."""
    shorts: dict[Unit, Counter] = {}
    for (unit, short), n in used.items():
        shorts.setdefault(unit, Counter())[short] += n
    number, name, kind, aliases = {}, {}, {}, {}
    for n, (unit, group) in enumerate(units.groups.items()):
        found = shorts.get(unit, Counter())
        said = group.aliases | set(found)
        full = Counter({spelling: k for spelling, k in group.names.items() if spelling not in said})
        every = group.names + found
        name[unit] = max(full or every, key=lambda s: (full[s], len(s), s))
        kinds = Counter(group.kinds)
        if found:
            kinds[next(iter(kinds))] += sum(found.values())
        number[unit], kind[unit], aliases[unit] = n, kinds.most_common(1)[0][0], frozenset(said)
    by_name = {name[u]: u for u in units.groups if u[1] is None}
    return Naming(number, name, kind, aliases, by_name)
