"""What a rule function receives: the charter, indexes built once, its options, today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Generic, Iterator, Mapping, NamedTuple, TypeVar

INACTIVE = frozenset({"left", "observer"})
T = TypeVar("T")


class Item(NamedTuple):
    """A list item of the charter with its JSON Pointer."""

    pointer: str
    value: dict[str, Any]

    @property
    def id(self) -> str | None:
        ident = self.value.get("id")
        return ident if isinstance(ident, str) else None


class Charter:
    """A charter's data with its lists indexed by id, built once and shared by every rule."""

    def __init__(self, data: Mapping[str, Any], path: str = "") -> None:
        self.data = data
        self.path = path

    def section(self, *keys: str) -> dict[str, Any]:
        """The mapping at `keys`, or an empty one when absent or malformed."""
        node: Any = self.data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    def items(self, *keys: str) -> list[Item]:
        """The mappings of the list at `keys` with their pointers (other items skipped)."""
        node: Any = self.data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, list):
            return []
        base = "/" + "/".join(keys)
        return [Item(f"{base}/{i}", v) for i, v in enumerate(node) if isinstance(v, dict)]

    @cached_property
    def partners(self) -> list[Item]:
        return self.items("partners")

    @cached_property
    def active_partners(self) -> list[Item]:
        return [p for p in self.partners if p.value.get("status", "active") not in INACTIVE]

    @cached_property
    def active_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.active_partners if p.id)

    @cached_property
    def partners_by_id(self) -> dict[str, Item]:
        return _by_id(self.partners)

    @cached_property
    def bodies(self) -> list[Item]:
        return self.items("governance", "bodies")

    @cached_property
    def bodies_by_id(self) -> dict[str, Item]:
        return _by_id(self.bodies)

    @cached_property
    def objectives(self) -> list[Item]:
        return self.items("objectives")

    @cached_property
    def objectives_by_id(self) -> dict[str, Item]:
        return _by_id(self.objectives)

    @cached_property
    def measures(self) -> list[Item]:
        return self.items("evaluation", "measures")

    @cached_property
    def measures_by_id(self) -> dict[str, Item]:
        return _by_id(self.measures)

    @cached_property
    def beneficiaries(self) -> list[Item]:
        return self.items("beneficiaries")

    @cached_property
    def responsibilities(self) -> list[Item]:
        return self.items("responsibilities")

    @cached_property
    def pilot_ids(self) -> list[str]:
        pilots = self.section("pilot").get("partners")
        return [p for p in pilots if isinstance(p, str)] if isinstance(pilots, list) else []


def _by_id(items: list[Item]) -> dict[str, Item]:
    out: dict[str, Item] = {}
    for item in items:
        if item.id is not None and item.id not in out:
            out[item.id] = item
    return out


def refs(value: Any) -> list[str]:
    """A ref field as a list of ids: a single id, a list of ids, or nothing."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


@dataclass(frozen=True)
class Profile:
    """A kind of partnership and the partner types it expects (each group: any one of these types)."""

    name: str
    expects: tuple[tuple[str, ...], ...]
    description: str = ""
    plugin: str = "core"


class Shared(Generic[T]):
    """A charter index read through a rule's context, declared there with its type."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, ctx: Any, owner: type | None = None) -> T:
        if ctx is None:
            return self  # type: ignore[return-value]  # the class attribute itself
        return getattr(ctx.charter, self.name)  # type: ignore[no-any-return]


@dataclass
class RuleContext:
    """Everything a rule function may read. Rules never see YAML nodes or positions.

    Each attribute is declared with its type, so a misspelt one (`ctx.objectivs`)
    is caught by a type checker, not only when the rule runs.
    """

    charter: Charter
    options: Mapping[str, Any] = field(default_factory=dict)
    today: date = field(default_factory=date.today)
    profiles: Mapping[str, Profile] = field(default_factory=dict)

    @property
    def data(self) -> Mapping[str, Any]:
        return self.charter.data

    @property
    def path(self) -> str:
        return self.charter.path

    def section(self, *keys: str) -> dict[str, Any]:
        """The mapping at `keys`, or an empty one when absent or malformed."""
        return self.charter.section(*keys)

    def items(self, *keys: str) -> list[Item]:
        """The mappings of the list at `keys` with their pointers (other items skipped)."""
        return self.charter.items(*keys)

    # The charter's shared indexes, built once per charter whichever rule asks first.
    partners = Shared[list[Item]]()
    active_partners = Shared[list[Item]]()
    active_ids = Shared[frozenset[str]]()
    partners_by_id = Shared[dict[str, Item]]()
    bodies = Shared[list[Item]]()
    bodies_by_id = Shared[dict[str, Item]]()
    objectives = Shared[list[Item]]()
    objectives_by_id = Shared[dict[str, Item]]()
    measures = Shared[list[Item]]()
    measures_by_id = Shared[dict[str, Item]]()
    beneficiaries = Shared[list[Item]]()
    responsibilities = Shared[list[Item]]()
    pilot_ids = Shared[list[str]]()


@dataclass
class RepositoryContext:
    """What a repository-level rule receives: every charter of the run, with its options."""

    charters: list[Charter]
    options: Mapping[str, Any] = field(default_factory=dict)
    today: date = field(default_factory=date.today)

    def __iter__(self) -> Iterator[Charter]:
        return iter(self.charters)
