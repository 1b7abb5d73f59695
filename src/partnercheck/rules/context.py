"""What a rule function receives: the charter, indexes built once, its options, today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Generic, Iterator, Mapping, NamedTuple, TypeVar

from partnercheck.rules.readonly import frozen_index

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


class Built(Generic[T]):
    """A charter index built on first read and kept on the instance: `Built(lambda c: c.items("partners"))`."""

    def __init__(self, build: Callable[[Any], T] | None = None) -> None:
        self.build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]  # the class attribute itself
        return self.compute(instance)

    def compute(self, instance: Any) -> T:
        assert self.build is not None
        value = instance.__dict__[self.name] = frozen_index(self.build(instance))  # shared by every rule: none may change it
        return value  # type: ignore[no-any-return]


class Charter:
    """A charter's data with its lists indexed by id, built once and shared by every rule."""

    data: Mapping[str, Any]
    path: str

    def __init__(self, data: Mapping[str, Any], path: str = "") -> None:
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "path", path)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a charter is shared by every rule: its {name!r} cannot be replaced")

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

    # The charter's lists and their indexes by id, each built once whichever rule asks first.
    partners: Built[list[Item]] = Built(lambda c: c.items("partners"))
    partners_by_id: Built[dict[str, Item]] = Built(lambda c: _by_id(c.partners))
    active_partners: Built[list[Item]] = Built(lambda c: [p for p in c.partners if p.value.get("status", "active") not in INACTIVE])
    active_ids: Built[frozenset[str]] = Built(lambda c: frozenset(p.id for p in c.active_partners if p.id))
    bodies: Built[list[Item]] = Built(lambda c: c.items("governance", "bodies"))
    bodies_by_id: Built[dict[str, Item]] = Built(lambda c: _by_id(c.bodies))
    objectives: Built[list[Item]] = Built(lambda c: c.items("objectives"))
    objectives_by_id: Built[dict[str, Item]] = Built(lambda c: _by_id(c.objectives))
    measures: Built[list[Item]] = Built(lambda c: c.items("evaluation", "measures"))
    measures_by_id: Built[dict[str, Item]] = Built(lambda c: _by_id(c.measures))
    beneficiaries: Built[list[Item]] = Built(lambda c: c.items("beneficiaries"))
    responsibilities: Built[list[Item]] = Built(lambda c: c.items("responsibilities"))
    pilot_ids: Built[list[str]] = Built(lambda c: _pilot_ids(c.section("pilot").get("partners")))


def _pilot_ids(pilots: Any) -> list[str]:
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


class Shared(Built[T]):
    """A charter index read through a rule's context, declared there with its type."""

    def compute(self, instance: Any) -> T:
        return getattr(instance.charter, self.name)  # type: ignore[no-any-return]


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
    #: The charter's previous version, for rules about change (`scope: change`): None when unknown.
    previous: Charter | None = None

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
