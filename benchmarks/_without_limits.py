"""partnercheck's command line with every limit of issue 17 turned off, for benchmarks/limits.py.

    python benchmarks/_without_limits.py check charters/ --no-cache          # limits off
    python benchmarks/_without_limits.py --keep-limits check charters/ ...   # the same runner, limits on

Production code never imports this file: the limits are turned off from
here, by replacing partnercheck's own functions as each module is imported
(an import hook, so this runner imports nothing a normal run would not, and
forked worker processes inherit the replacements). `PATCHES` lists each
replacement, `EDITS` the lines taken out of the YAML builder, whose counting
is inline. `apply()` raises when a name or a line it expects is missing, and
tests/test_bench_limits.py checks that they all still exist, so a rename
cannot silently make the benchmark compare partnercheck with itself.

What "off" means, limit by limit (docs/security.md lists them):

- nesting depth, alias nodes and alias text counted as the document is read
  (document/builder.py): the counting lines and the checks removed;
- bounded reads (bounded.py): a plain `read()` of the whole input;
- the per-file wall-clock budget (`--file-timeout`): no budget around a
  file's work (the rule budget, older than issue 17, stays);
- caps on output: 1,000 findings per file (DOC10), 50 items per list
  parameter, 2,000 characters per plugin hint;
- escaping of control characters (printable.py): text printed as it is;
  this turns off all escaping, older parts included, so it bounds from above
  what issue 17 added;
- results cache entries: no HMAC seal, no shape check of stored spans;
  the cache folder: no symbolic link or CACHEDIR.TAG check;
- rule-pack cache entries: pickles, as before issue 17, instead of checked JSON;
- RE2 for schema patterns: Python's `re` for every pattern;
- leftover temporary files: not looked for; SIGTERM: Python's default;
- an output that is an input: not looked for;
- paths of a configuration file: not checked against its tree.

Not turned off (not run by the benchmark's ordinary charters): the HTML
report's 16 MiB cap, the Markdown escaping of code spans, the baseline's
`count` bound (no baseline given), the Python-`re` screen at pack load
(the pack cache holds the result).
"""

from __future__ import annotations

import contextlib
import importlib.abc
import inspect
import re
import sys
import textwrap
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

BIG = sys.maxsize // 4  # a cap no file reaches


def _read_whole(path: Any, limit: int) -> bytes:
    return Path(path).read_bytes()


def _read_all(stream: Any, limit: int) -> bytes:
    return stream.read()


def _no_budget(*args: Any, **kwargs: Any) -> Any:
    return contextlib.nullcontext(None)


def _as_is(text: str, limit: int | None = None) -> str:
    return text


def _value_as_is(value: Any, limit: int = 200, depth: int = 3) -> Any:
    return value


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _none_removed(*args: Any, **kwargs: Any) -> int:
    return 0


def _unsealed(payload: bytes, secret: bytes) -> bytes:
    return payload


def _spans_unchecked(stored: Any) -> Any:
    from partnercheck.findings import Span

    return {str(pointer): Span(*row) for pointer, row in stored.items()}


def _pickled_read(entry: Path) -> Any:
    import pickle

    try:
        with entry.open("rb") as handle:
            return pickle.loads(handle.read())
    except Exception:  # missing or corrupt: rebuilt, as the JSON entries are
        return None


def _pickled_write(folder: Path, entry: Path, rules: list[Any]) -> None:
    import pickle

    from partnercheck.atomic import write_bytes

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_bytes(entry, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL), durable=False)


@lru_cache(maxsize=1024)
def _python_re(pattern: str) -> Any:
    return re.compile(pattern)


def _same(text: str) -> str:
    return text


def _replacing(value: Any) -> Callable[[Any], Any]:
    return lambda original: value


#: (module, attribute, what to put there given the original): every limit of issue 17 a normal run meets.
PATCHES: list[tuple[str, str, Callable[[Any], Any]]] = [
    ("partnercheck.document.builder", "Builder._count_alias", _replacing(_nothing)),
    ("partnercheck.bounded", "read_path", _replacing(_read_whole)),
    ("partnercheck.bounded", "read_stream", _replacing(_read_all)),
    ("partnercheck.run.engine", "time_budget", _replacing(_no_budget)),  # the engine's only budget is the file's
    ("partnercheck.run.engine", "MAX_FINDINGS_PER_FILE", _replacing(BIG)),
    ("partnercheck.run.engine", "MAX_HINT", _replacing(BIG)),
    ("partnercheck.run.engine", "Engine.cap", _replacing(_nothing)),
    ("partnercheck.printable", "MAX_ITEMS", _replacing(BIG)),
    ("partnercheck.printable", "visible", _replacing(_as_is)),
    ("partnercheck.printable", "visible_value", _replacing(_value_as_is)),
    ("partnercheck.run.cache", "_seal", _replacing(_unsealed)),
    ("partnercheck.run.cache", "_unseal", _replacing(_unsealed)),
    ("partnercheck.run.cache", "_spans", _replacing(_spans_unchecked)),
    ("partnercheck.run.cache_folder", "refusal", _replacing(_nothing)),
    ("partnercheck.rules.packcache", "_read", _replacing(_pickled_read)),
    ("partnercheck.rules.packcache", "_write", _replacing(_pickled_write)),
    ("partnercheck.rules.packcache", "_SUFFIX", _replacing(".pickle")),  # beside the JSON entries, not over them
    ("partnercheck.checks.regex", "compile_pattern", _replacing(_python_re)),
    ("partnercheck.checks.regex", "_encodable", _replacing(_same)),
    ("partnercheck.atomic", "remove_stale_temporaries", _replacing(_none_removed)),
    ("partnercheck.cli", "_stop_on_sigterm", _replacing(_nothing)),
    ("partnercheck.config.plan", "_refuse_overwriting_inputs", _replacing(_nothing)),
    ("partnercheck.config.resolve", "_inside_tree", _replacing(_nothing)),
]

#: (module, method, [(lines, replacement)]): the builder checks depth, and counts nodes, levels and text inside
#: anchored collections, inline as it reads.
EDITS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "partnercheck.document.builder",
        "Builder._start",
        [
            (
                "        if len(self.stack) >= self.limits.max_depth:\n"
                '            raise Stop(Problem("DOC06", Text("DOC06.depth", {"depth": self.limits.max_depth}), "", self.marks.at(event.start_mark), Text("DOC06.hint")))\n',
                "",
            ),
            ("        if event.anchor:\n            self.counting += 1\n", ""),
        ],
    ),
    ("partnercheck.document.builder", "Builder._end", [("            self.counting -= 1\n", "")]),
    (
        "partnercheck.document.builder",
        "Builder._deliver",
        [
            (
                "        if self.counting:  # what an anchor names is measured for its aliases (`_count_alias`); the rest needs no count\n"
                "            frame.nodes += nodes\n            if height >= frame.height:\n                frame.height = height + 1\n            frame.chars += chars\n",
                "",
            ),
        ],
    ),
    (
        "partnercheck.document.builder",
        "Builder._scalar",
        [
            ("        size = len(text) + 1\n", "        size = 1\n"),
            ("            if self.counting:\n                frame.chars += size\n", ""),
        ],
    ),
]

#: Every module something above is replaced in.
MODULES = sorted({module for module, _, _ in PATCHES} | {module for module, _, _ in EDITS})


def _owner(module: Any, dotted: str) -> tuple[Any, str]:
    """The object holding the last part of `dotted` (a module or a class), and that part's name."""
    owner = module
    *path, name = dotted.split(".")
    for part in path:
        owner = getattr(owner, part)
    if not hasattr(owner, name):
        raise AttributeError(f"{module.__name__}.{dotted} no longer exists: update benchmarks/_without_limits.py")
    return owner, name


def edited(module: Any, dotted: str, edits: list[tuple[str, str]]) -> Callable[..., Any]:
    """The function `module.dotted` compiled again from its source with `edits` made (each line must be there once)."""
    owner, name = _owner(module, dotted)
    source = inspect.getsource(getattr(owner, name))  # indented as in its file, as `edits` are written
    for old, new in edits:
        if source.count(old) != 1:
            raise LookupError(f"{module.__name__}.{dotted} no longer holds, once, the lines:\n{old}update benchmarks/_without_limits.py")
        source = source.replace(old, new)
    namespace: dict[str, Any] = {}
    exec(compile(textwrap.dedent(source), f"<{module.__name__}.{dotted} without limits>", "exec"), module.__dict__, namespace)
    return namespace[name]  # type: ignore[no-any-return]


#: Original function -> its replacement, so a copy taken by `from … import name` is replaced too; only for a function
#: replaced in the module that defines it (`run.engine.time_budget` is the engine's name for the file budget alone).
_REPLACED: dict[int, tuple[Any, Any]] = {}


def patch(module: Any) -> None:
    """Turn off the limits that live in `module` (just imported)."""
    for name, dotted, make in PATCHES:
        if name == module.__name__:
            owner, attr = _owner(module, dotted)
            original = getattr(owner, attr)
            replacement = make(original)
            setattr(owner, attr, replacement)
            if callable(original) and getattr(original, "__module__", None) == module.__name__:  # defined here: replaced wherever imported
                _REPLACED[id(original)] = (original, replacement)
    for name, dotted, edits in EDITS:
        if name == module.__name__:
            owner, attr = _owner(module, dotted)
            setattr(owner, attr, edited(module, dotted, edits))
    for key, value in list(vars(module).items()):  # `from partnercheck.x import f` taken before x was patched
        swap = _REPLACED.get(id(value))
        if swap is not None and swap[0] is value:
            setattr(module, key, swap[1])


class _Loader(importlib.abc.Loader):
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def create_module(self, spec: Any) -> Any:
        return self.inner.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.inner.exec_module(module)
        patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    """Wraps the loader of every partnercheck module, so each is patched once executed."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != "partnercheck" and not fullname.startswith("partnercheck."):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


def apply() -> None:
    """Turn the limits off: in modules already imported now, in the others as they are imported."""
    for name in list(sys.modules):
        if name == "partnercheck" or name.startswith("partnercheck."):
            patch(sys.modules[name])
    sys.meta_path.insert(0, _Finder())


def main(argv: list[str]) -> None:
    if argv[:1] == ["--keep-limits"]:
        argv = argv[1:]
    else:
        apply()
    from partnercheck.cli import main as partnercheck_main

    partnercheck_main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
