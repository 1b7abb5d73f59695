"""A small parser of Python regular expressions into the tree the backtracking screen reads.

It replaces CPython's private `re._parser`: the pattern is first compiled by
`re.compile` (so only valid patterns get here), then read into nodes
`(op, argument)` whose shapes follow the private parser's, without its
simplifications:

- `LITERAL` code point, `NOT_LITERAL`, `ANY`, `IN` [(NEGATE|LITERAL|RANGE|CATEGORY, value)];
- `MAX_REPEAT` / `MIN_REPEAT` / `POSSESSIVE_REPEAT` (min, max, body);
- `SUBPATTERN` (None, 0, 0, body), `ATOMIC_GROUP` body, `BRANCH` (None, [bodies]);
- `ASSERT` / `ASSERT_NOT` (direction, body), `AT` anchor, `GROUPREF`.

It also returns every code point the pattern names (literals and range
ends), which the screen adds to the characters it compares.
"""

from __future__ import annotations

from typing import Any

Node = tuple[str, Any]

LITERAL, NOT_LITERAL, ANY, IN = "LITERAL", "NOT_LITERAL", "ANY", "IN"
NEGATE, RANGE, CATEGORY = "NEGATE", "RANGE", "CATEGORY"
MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT = "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"
SUBPATTERN, ATOMIC_GROUP, BRANCH = "SUBPATTERN", "ATOMIC_GROUP", "BRANCH"
ASSERT, ASSERT_NOT, AT, GROUPREF = "ASSERT", "ASSERT_NOT", "AT", "GROUPREF"
MAXREPEAT = 1 << 32

_CLASS_ESCAPES = {"d": "DIGIT", "D": "NOT_DIGIT", "s": "SPACE", "S": "NOT_SPACE", "w": "WORD", "W": "NOT_WORD"}
_CONTROL = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_ANCHORS = "AZbB"


def parse_pattern(pattern: str, fold_case: bool = False) -> tuple[list[Node], frozenset[int]]:
    """The tree of a valid pattern, and the code points it names."""
    reader = _Reader(pattern, fold_case)
    return reader.alternatives(), frozenset(reader.points)


def children(op: str, av: Any) -> list[Any]:
    """The bodies nested in a node."""
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
        return [av[2]]
    if op == SUBPATTERN:
        return [av[3]]
    if op == BRANCH:
        return list(av[1])
    if op in (ASSERT, ASSERT_NOT):
        return [av[1]]
    if op == ATOMIC_GROUP:
        return [av]
    return []


class _Reader:
    def __init__(self, pattern: str, fold_case: bool) -> None:
        self.text = pattern
        self.at = 0
        self.fold_case = fold_case
        self.ignore_case = False
        self.verbose = False
        self.points: set[int] = set()

    # structure ---------------------------------------------------------------
    def alternatives(self) -> list[Node]:
        bodies = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            bodies.append(self.sequence())
        return bodies[0] if len(bodies) == 1 else [(BRANCH, (None, bodies))]

    def sequence(self) -> list[Node]:
        items: list[Node] = []
        while True:
            self.skip_verbose()
            ch = self.peek()
            if ch in ("", "|", ")"):
                return items
            atom = self.atom()
            if atom is not None:
                items.append(self.repeat(atom))

    def repeat(self, atom: Node) -> Node:
        self.skip_verbose()
        bounds = self.bounds()
        if bounds is None:
            return atom
        kind = MAX_REPEAT
        if self.peek() == "?":
            kind, self.at = MIN_REPEAT, self.at + 1
        elif self.peek() == "+":
            kind, self.at = POSSESSIVE_REPEAT, self.at + 1
        return self.repeat((kind, (bounds[0], bounds[1], [atom])))

    def bounds(self) -> tuple[int, int] | None:
        ch = self.peek()
        simple = {"*": (0, MAXREPEAT), "+": (1, MAXREPEAT), "?": (0, 1)}
        if ch in simple:
            self.at += 1
            return simple[ch]
        if ch != "{":
            return None
        end = self.text.find("}", self.at)
        low, comma, high = self.text[self.at + 1 : end].partition(",")
        if end < 0 or not (low.isdigit() or (comma and (low or high))) or not all(part.isdigit() or not part for part in (low, high)):
            return None  # a literal `{`
        self.at = end + 1
        return int(low or 0), (int(high) if high else MAXREPEAT) if comma else int(low)

    def atom(self) -> Node | None:
        ch = self.take()
        if ch == "(":
            return self.group()
        if ch == "[":
            return (IN, self.char_class())
        if ch == ".":
            return (ANY, None)
        if ch in "^$":
            return (AT, ch)
        if ch == "\\":
            return self.escape()
        return self.literal(ord(ch))

    def group(self) -> Node | None:
        if self.peek() != "?":
            return self.close((SUBPATTERN, (None, 0, 0, self.alternatives())))
        self.at += 1
        head = self.take()
        if head == ":":
            return self.close((SUBPATTERN, (None, 0, 0, self.alternatives())))
        if head in "=!":
            return self.close((ASSERT if head == "=" else ASSERT_NOT, (1, self.alternatives())))
        if head == "<" and self.peek() in ("=", "!"):
            kind = ASSERT if self.take() == "=" else ASSERT_NOT
            return self.close((kind, (-1, self.alternatives())))
        if head == ">":
            return self.close((ATOMIC_GROUP, self.alternatives()))
        if head == "#":
            self.at = self.text.index(")", self.at) + 1
            return None
        if head == "(":  # (?(name)yes|no): either branch, after a reference
            self.at = self.text.index(")", self.at) + 1
            return self.close((SUBPATTERN, (None, 0, 0, [(GROUPREF, None), *self.alternatives()])))
        if head == "P" and self.peek() == "=":
            self.at = self.text.index(")", self.at) + 1
            return (GROUPREF, None)
        if head in "P<":
            self.at = self.text.index(">", self.at) + 1
            return self.close((SUBPATTERN, (None, 0, 0, self.alternatives())))
        return self.flags(head)

    def flags(self, head: str) -> Node | None:
        """`(?imsx)` for the whole pattern, or `(?i-s:…)` for a group."""
        start = self.at - 1
        while self.peek() and self.peek() not in (":", ")"):
            self.at += 1
        letters = self.text[start : self.at].partition("-")[0]
        if self.take() == ")":
            self.ignore_case |= "i" in letters
            self.verbose |= "x" in letters
            return None
        saved = self.ignore_case, self.verbose
        self.ignore_case, self.verbose = saved[0] or "i" in letters, saved[1] or "x" in letters
        body = self.alternatives()
        self.ignore_case, self.verbose = saved
        return self.close((SUBPATTERN, (None, 0, 0, body)))

    def close(self, node: Node) -> Node:
        self.take()  # the `)`
        return node

    # characters --------------------------------------------------------------
    def char_class(self) -> list[Node]:
        items: list[Node] = []
        if self.peek() == "^":
            items.append((NEGATE, None))
            self.at += 1
        first = True
        while first or self.peek() != "]":
            first = False
            low = self.class_item()
            if self.peek() == "-" and self.text[self.at + 1 : self.at + 2] not in ("]", "") and low[0] == LITERAL:
                self.at += 1
                high = self.class_item()
                if high[0] == LITERAL:
                    items.append((RANGE, (low[1], high[1])))
                    self.name(low[1], high[1])
                    continue
                items.extend([low, (LITERAL, ord("-")), high])
                continue
            items.append(low)
        self.at += 1
        return items

    def class_item(self) -> Node:
        ch = self.take()
        if ch != "\\":
            self.name(ord(ch))
            return (LITERAL, ord(ch))
        letter = self.peek()
        if letter in _CLASS_ESCAPES:
            self.at += 1
            return (CATEGORY, _CLASS_ESCAPES[letter])
        code = self.code_escape()
        self.name(code)
        return (LITERAL, code)

    def escape(self) -> Node:
        letter = self.peek()
        if letter in _CLASS_ESCAPES:
            self.at += 1
            return (IN, [(CATEGORY, _CLASS_ESCAPES[letter])])
        if letter in _ANCHORS:
            self.at += 1
            return (AT, letter)
        if letter.isdigit() and letter != "0" and not self.text[self.at : self.at + 3].isdigit():
            while self.peek().isdigit():
                self.at += 1
            return (GROUPREF, None)
        return self.literal(self.code_escape())

    def code_escape(self) -> int:
        """The code point of an escape naming one character (`\\n`, `\\x41`, `\\u00e9`, `\\N{…}`, `\\.`)."""
        letter = self.take()
        widths = {"x": 2, "u": 4, "U": 8}
        if letter in widths:
            digits = self.text[self.at : self.at + widths[letter]]
            self.at += widths[letter]
            return int(digits, 16)
        if letter == "N":
            import unicodedata

            end = self.text.index("}", self.at)
            name, self.at = self.text[self.at + 1 : end], end + 1
            return ord(unicodedata.lookup(name))
        if letter.isdigit():  # octal
            digits = letter
            while len(digits) < 3 and self.peek() in "01234567" and self.peek():
                digits += self.take()
            return int(digits, 8)
        return _CONTROL.get(letter, ord(letter))

    def literal(self, code: int) -> Node:
        self.name(code)
        if self.ignore_case and self.fold_case:
            cases = {code, *(ord(c) for c in {chr(code).lower(), chr(code).upper()} if len(c) == 1)}
            if len(cases) > 1:
                self.points.update(cases)
                return (IN, [(LITERAL, c) for c in sorted(cases)])
        return (LITERAL, code)

    def name(self, *codes: int) -> None:
        self.points.update(codes)

    # reading -----------------------------------------------------------------
    def peek(self) -> str:
        return self.text[self.at : self.at + 1]

    def take(self) -> str:
        ch = self.peek()
        self.at += 1
        return ch

    def skip_verbose(self) -> None:
        """In verbose mode (`(?x)`), whitespace and `#` comments between items are not part of the pattern."""
        while self.verbose and self.peek() and self.peek() in " \t\n\r\f\v#":
            if self.take() == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end + 1
