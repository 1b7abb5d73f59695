from __future__ import annotations

from support import TODAY, healthy, lint_data, serious


def test_healthy_example_has_no_error_or_warning() -> None:
    found = serious(lint_data(healthy(), TODAY))
    assert found == [], "\n".join(f"{f.code} {f.pointer}: {f.message}" for f in found)


def test_mutation_is_seen() -> None:
    data = healthy()
    data["pilot"]["partners"] = []  # deleting the whole section also gives PIL02 (no mandate)
    assert [f.code for f in serious(lint_data(data))] == ["PIL01"]
