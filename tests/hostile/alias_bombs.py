"""Generators of alias bombs for the hostile corpus: deep through aliases, or large through aliases.

Each returns charter text whose anchors are small but whose expansion is deep
or large. `tests/hostile/test_fuzz.py` runs them with random sizes;
`test_hostile_aliases.py` runs the shapes reported in issue 17.
"""

from __future__ import annotations


def alias_depth(anchors: int = 12, levels: int = 90, where: str = "title") -> str:
    """`l0: &l0 [[…]]`, `l1: &l1 [[…*l0…]]`, …: each anchor nests `levels` lists around the previous one."""
    lines = ["partnercheck: 1", "x-bomb:"]
    inner = "0"
    for i in range(anchors):
        lines.append(f"  l{i}: &l{i} " + "[" * levels + inner + "]" * levels)
        inner = f"*l{i}"
    lines += ["charter:", "  id: x", f"  {where}: *l{anchors - 1}"]
    return "\n".join(lines) + "\n"


def alias_size(scalar_chars: int = 20_000, repeats: int = 1_000, partners: bool = False) -> str:
    """One long scalar anchored once, then aliased `repeats` times (as partner names when `partners`)."""
    lines = ["partnercheck: 1", "charter: {id: x, title: &big " + "x" * scalar_chars + "}"]
    if partners:
        lines.append("partners:")
        lines += [f"  - {{id: p{i}, name: *big, type: funder}}" for i in range(repeats)]
    else:
        lines.append("x-bomb: [" + ", ".join(["*big"] * repeats) + "]")
    return "\n".join(lines) + "\n"
