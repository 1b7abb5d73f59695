"""Installed distributions packed back into wheels, for the tests' offline wheelhouse (tests/wheelhouse.py).

A wheel installed by pip leaves its files in site-packages and their list in the `.dist-info`
folder's RECORD: zipping those files again, with the original WHEEL and METADATA, gives a wheel
that installs the same files (pip writes the console scripts again from `entry_points.txt`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

#: Files pip writes in `.dist-info` at install time: not part of the wheel.
_WRITTEN_BY_THE_INSTALLER = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


def installed_closure(requirements: list[str], leave_out: set[str]) -> tuple[list[metadata.Distribution], list[str]]:
    """The installed distributions that `requirements` need, with theirs, recursively (markers and extras followed),
    and the requirements this environment does not satisfy."""
    found: dict[str, metadata.Distribution] = {}
    missing: list[str] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [r for r in map(Requirement, requirements) if r.marker is None or r.marker.evaluate({"extra": ""})]
    while todo:
        wanted = todo.pop()
        name = canonicalize_name(wanted.name)
        if name in leave_out or (name, frozenset(wanted.extras)) in seen:
            continue
        seen.add((name, frozenset(wanted.extras)))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(str(wanted))
            continue
        if not wanted.specifier.contains(dist.version, prereleases=True):
            missing.append(str(wanted))
            continue
        found[name] = dist
        todo += [r for r in map(Requirement, dist.requires or []) if r.marker is None or any(r.marker.evaluate({"extra": e}) for e in {"", *wanted.extras})]
    return list(found.values()), missing


def repack(dist: metadata.Distribution, folder: Path) -> Path | None:
    """Write `dist` as a wheel in `folder`; None when it cannot be (not installed from a wheel, no RECORD, an editable
    install, files outside site-packages)."""
    files = _wheel_files(dist)
    infos = {f.parts[0] for f in files or () if f.parts[0].endswith(".dist-info") and f.name == "WHEEL"}
    if files is None or len(infos) != 1:
        return None
    (info,) = infos
    target = folder / _wheel_name(dist)
    record: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as wheel:
        for file in files:
            data = Path(str(dist.locate_file(file))).read_bytes()
            wheel.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{file.as_posix()},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target


def _wheel_files(dist: metadata.Distribution) -> list[metadata.PackagePath] | None:
    """The files of `dist` a wheel holds, or None when some cannot be packed back."""
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    if dist.files is None or direct.get("dir_info", {}).get("editable"):
        return None
    scripts = {ep.name for ep in dist.entry_points if ep.group in ("console_scripts", "gui_scripts")}
    kept = []
    for file in dist.files:
        if file.parts[0] == "..":  # outside site-packages: only the console scripts pip writes again
            if file.name not in scripts:
                return None
        elif "__pycache__" not in file.parts and not (file.parts[0].endswith(".dist-info") and file.name in _WRITTEN_BY_THE_INSTALLER):
            kept.append(file)
    return kept


def _wheel_name(dist: metadata.Distribution) -> str:
    """`name-version[-build]-python-abi-platform.whl`, the tags compressed from the WHEEL file's `Tag:` lines."""
    wheel = Parser().parsestr(dist.read_text("WHEEL") or "")
    tags = [tag.split("-") for tag in wheel.get_all("Tag") or []]
    compressed = "-".join(".".join(dict.fromkeys(part[i] for part in tags)) for i in range(3))
    build = f"-{wheel['Build']}" if wheel["Build"] else ""
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    return f"{name}-{dist.version.replace('-', '_')}{build}-{compressed}.whl"
