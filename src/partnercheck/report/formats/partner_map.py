"""The report's partner map: a network of beneficiary groups, governance bodies, partners and objectives.

Laid out in four columns, deterministically (the charter's order, pilots
first): who sits in which body, who answers for (or contributes to) which
objective, which groups are represented by whom and hold which seats. The
geometry is computed here; `templates/partner_map.svg.j2` draws it, escaped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from partnercheck.rules.context import Charter, Item, refs

NODE_H, GAP, TOP, COL_W, COL_GAP, CHAR_W = 30, 8, 40, 210, 70, 6.6
#: The map is drawn at its own size (one unit, one CSS pixel), never enlarged: three partners make a small
#: map. A wider one shrinks to its page while its 12 px names stay at 10 px or more; below that it scrolls
#: in its figure (the page itself never scrolls sideways).
FONT_PX, READABLE_PX = 12, 10
#: Kinds of node, left to right.
COLUMNS = ("beneficiary", "body", "partner", "objective")


@dataclass(frozen=True)
class Node:
    key: str
    kind: str
    label: str  # shortened to fit the box
    full: str  # the whole name, shown as the node's tooltip
    x: float
    y: float
    width: float
    pilot: bool = False
    inactive: bool = False

    @property
    def middle(self) -> float:
        return self.y + NODE_H / 2


@dataclass(frozen=True)
class Edge:
    kind: str  # member, accountable, contributes, seat, represents
    path: str  # SVG path data


@dataclass(frozen=True)
class Network:
    width: float
    height: float
    columns: tuple[tuple[str, float], ...]  # (kind, x of the column's middle) of the columns shown
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    @property
    def empty(self) -> bool:
        return not self.nodes

    @property
    def size_class(self) -> str:
        """The style sheet's class for the narrowest this map is shown (`narrowest_widths`): by its columns."""
        return f"cols-{len(self.columns)}"


def map_width(columns: int) -> float:
    """The width of a map of `columns` columns, one unit one pixel."""
    return columns * (COL_W + COL_GAP) - COL_GAP + 2 * GAP if columns else 0


def narrowest_widths() -> dict[int, int]:
    """For each number of columns, the narrowest its map is shown: as far as its names stay readable (`READABLE_PX`)."""
    return {n: math.ceil(map_width(n) * READABLE_PX / FONT_PX) for n in range(1, len(COLUMNS) + 1)}


def network(data: Mapping[str, Any]) -> Network:
    """The partner map of a charter's data (anything that is not a list of mappings is left out)."""
    charter = Charter(data)
    pilots = set(charter.pilot_ids)
    partners = sorted((p for p in charter.partners if p.id), key=lambda p: p.id not in pilots)  # stable: charter order otherwise
    columns = {
        "beneficiary": [(b, item_name(b, "group")) for b in charter.beneficiaries],
        "body": [(b, item_name(b)) for b in charter.bodies if b.id],
        "partner": [(p, item_name(p)) for p in partners],
        "objective": [(o, item_name(o, "statement")) for o in charter.objectives if o.id],
    }
    shown = [kind for kind in COLUMNS if columns[kind]]
    tallest = max((len(columns[k]) for k in shown), default=0)
    height = TOP + tallest * (NODE_H + GAP) + GAP
    nodes: dict[tuple[str, str], Node] = {}
    for index, kind in enumerate(shown):
        x = index * (COL_W + COL_GAP) + GAP
        offset = TOP + (tallest - len(columns[kind])) * (NODE_H + GAP) / 2
        for row, (item, name) in enumerate(columns[kind]):
            key = (kind, item.id or f"#{row}")
            status = text_of(item.value.get("status")) or "active"
            pilot = kind == "partner" and item.id in pilots
            label = short_name(name, _room(pilot)) if kind == "partner" else name
            nodes[key] = Node(f"{kind}-{row}", kind, _fit(label, pilot), name, x, offset + row * (NODE_H + GAP), COL_W, pilot, kind == "partner" and status != "active")
    width = map_width(len(shown))
    middles = tuple((kind, index * (COL_W + COL_GAP) + GAP + COL_W / 2) for index, kind in enumerate(shown))
    return Network(width, height, middles, tuple(nodes.values()), tuple(_edges(charter, nodes)))


def _edges(charter: Charter, nodes: Mapping[tuple[str, str], Node]) -> list[Edge]:
    links: list[tuple[str, tuple[str, str], tuple[str, str]]] = []
    for body in charter.bodies:
        links += [("member", ("body", body.id or ""), ("partner", ref)) for ref in refs(body.value.get("members"))]
    for objective in charter.objectives:
        links += [("accountable", ("partner", ref), ("objective", objective.id or "")) for ref in refs(objective.value.get("accountable"))]
        links += [("contributes", ("partner", ref), ("objective", objective.id or "")) for ref in refs(objective.value.get("contributors"))]
    for group in charter.beneficiaries:
        links += [("seat", ("beneficiary", group.id or ""), ("body", ref)) for ref in refs(group.value.get("seats"))]
        links += [("represents", ("beneficiary", group.id or ""), ("partner", ref)) for ref in refs(group.value.get("represented_by"))]
    seen: set[tuple[str, str, str]] = set()
    edges = []
    for kind, a, b in links:
        left, right = nodes.get(a), nodes.get(b)
        if left is None or right is None or (kind, left.key, right.key) in seen:
            continue  # a reference to nothing is a finding, not a line
        seen.add((kind, left.key, right.key))
        edges.append(Edge(kind, _curve(left, right)))
    order = ("member", "seat", "represents", "contributes", "accountable")  # the strongest links drawn last, on top
    return sorted(edges, key=lambda e: order.index(e.kind))


def _curve(left: Node, right: Node) -> str:
    x1, y1, x2, y2 = left.x + left.width, left.middle, right.x, right.middle
    bend = (x2 - x1) / 2
    return f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _room(bold: bool = False) -> int:
    """How many letters a node holds (a pilot's, in bold after a star, fewer)."""
    return int((COL_W - 16) / (CHAR_W * 1.12 if bold else CHAR_W)) - (2 if bold else 0)


def _fit(name: str, bold: bool = False) -> str:
    """The name shortened to the width of a node."""
    room = _room(bold)
    text = " ".join(name.split())
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def text_of(value: Any) -> str:
    """A scalar as text; nothing for None, mappings and lists."""
    return value if isinstance(value, str) else ("" if value is None or isinstance(value, (dict, list)) else str(value))


def short_name(name: str, room: int = 40) -> str:
    """How a long organisation name is cited in a list: without its parenthesis, then up to its first comma.

    "Rectorat de l'académie de Créteil (délégation académique …)" reads "Rectorat de l'académie de Créteil";
    "France Travail, direction territoriale …" reads "France Travail". A short name is kept whole.
    """
    text = " ".join(name.split())
    if len(text) <= room:
        return text
    bare = " ".join(_PARENTHESIS.sub("", text).split()).replace(" ,", ",")
    head = bare.split(", ")[0]
    return head if 3 <= len(head) <= room else (bare if len(bare) <= room else bare[: room - 1].rstrip() + "…")


_PARENTHESIS = re.compile(r"\s*\([^()]*\)")


def item_name(item: Item | None, key: str = "name") -> str:
    """An item's name for people, else its id."""
    if item is None:
        return ""
    return " ".join(text_of(item.value.get(key)).split()) or item.id or ""
