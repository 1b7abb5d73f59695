"""Hostile charters through the CLI: alias bombs, depth, size, bytes, YAML features (issue 8, items 1-5).

Each case ends with a positioned finding and no traceback; none is expanded,
constructed or read further than needed to say what is wrong.
"""

from __future__ import annotations

import codecs
import random
import sys

import pytest
from hostile_support import NO_PILOT, clean, codes, findings, write

from partnercheck.report.messages import english
from partnercheck.document.builder import Limits
from partnercheck.document.decoding import decode

CHARTER = "partnercheck: 1\ncharter: {id: x, title: Plateforme}\npartners: [{id: a, name: A, type: funder}]\n"


def lint_json(cli, path, *extra):
    code, out, err = cli("check", "--no-plugins", "--isolated", "--format", "json", *extra, str(path))
    clean(out, err)
    return code, out


def only(cli, path, *extra):
    """The one finding a fatal document problem leaves: nothing else was checked."""
    code, out = lint_json(cli, path, *extra)
    found = findings(out)
    assert code == 1, out
    assert len(found) == 1, [f["code"] for f in found]
    return found[0]


# 1. alias bombs -------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ["partnercheck: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_doc04_at_the_alias_that_crosses_the_limit(cli, tmp_path):
    path = write(tmp_path, "bomb.yaml", billion_laughs())
    finding = only(cli, path)
    assert finding["code"] == "DOC04"
    assert f"{Limits().max_alias_nodes:,}" in finding["message"]
    line = path.read_text().splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1 :].startswith("*a"), (line, finding["column"])
    assert "stopped at alias " + line[finding["column"] - 1 :].split(",")[0].strip() in finding["message"]


def test_a_bomb_used_many_times_as_a_charter_value_is_stopped_too(cli, tmp_path):
    text = billion_laughs(3) + "vision: [" + ", ".join(["*a3"] * 50) + "]\n"
    finding = only(cli, write(tmp_path, "bomb.yaml", text))
    assert finding["code"] == "DOC04"
    assert finding["line"] == text.count("\n")


def test_aliases_under_the_limit_are_plain_data(cli, tmp_path):
    text = CHARTER + "x-shared: &s {note: commune}\nx-copy: *s\n"
    code, out = lint_json(cli, write(tmp_path, "ok.yaml", text))
    assert "DOC04" not in codes(out)


# 2. depth ------------------------------------------------------------------------

DEEP = 20_000


@pytest.mark.parametrize(
    "name, text",
    [
        ("flow-sequences", "partnercheck: 1\nx-deep: " + "[" * DEEP + "]" * DEEP + "\n"),
        ("flow-mappings", "partnercheck: 1\nx-deep: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n"),
        ("block-sequences", "partnercheck: 1\nx-deep:\n" + "- " * DEEP + "x\n"),
        ("block-mappings", "partnercheck: 1\nx-deep:\n" + "".join(" " * i + "k:\n" for i in range(1, 3000)) + " " * 3000 + "k: 1\n"),
    ],
    ids=lambda value: value if len(value) < 30 else "",
)
def test_deep_nesting_is_doc06_not_a_recursion_error(cli, tmp_path, name, text):
    finding = only(cli, write(tmp_path, f"{name}.yaml", text))
    assert finding["code"] == "DOC06"
    assert str(Limits().max_depth) in finding["message"]
    assert finding["line"] >= 2


def test_nesting_just_under_the_limit_is_checked_normally(cli, tmp_path):
    depth = Limits().max_depth - 3
    text = CHARTER + "x-deep: " + "[" * depth + "]" * depth + "\n" + "x-key:\n  ? " + "[" * depth + "]" * depth + "\n  : v\n"
    code, out = lint_json(cli, write(tmp_path, "deep.yaml", text))
    assert not codes(out) & {"DOC06", "INT01"}
    assert "PIL01" in codes(out)


# 3. size ------------------------------------------------------------------------------


def test_a_file_above_the_size_limit_is_refused_unread(cli, tmp_path):
    limit = Limits().max_bytes
    path = write(tmp_path, "huge.yaml", b"partnercheck: 1\nvision: x\n" + b"#" * limit)
    finding = only(cli, path)
    assert finding["code"] == "DOC07"
    assert f"{limit:,}" in finding["message"]
    assert (finding["line"], finding["column"]) == (1, 1)


@pytest.mark.slow
def test_max_file_size_raises_the_limit(cli, tmp_path):
    path = write(tmp_path, "big.yaml", NO_PILOT + "#" * (Limits().max_bytes + 10) + "\n")
    code, out = lint_json(cli, path, "--max-file-size", "20MB")
    assert "DOC07" not in codes(out)
    assert "PIL01" in codes(out)


def test_max_file_size_lowers_the_limit(cli, tmp_path):
    finding = only(cli, write(tmp_path, "small.yaml", NO_PILOT), "--max-file-size", "50B")
    assert finding["code"] == "DOC07"
    assert "above the limit of 50 bytes" in finding["message"]


def test_a_bad_size_is_a_usage_error(cli, tmp_path):
    code, out, err = cli("check", "--max-file-size", "lots", str(write(tmp_path, "c.yaml", NO_PILOT)))
    assert code == 2
    assert "invalid size 'lots'" in err
    clean(out, err)


# 4. bytes ---------------------------------------------------------------------------------

TEXT = "partnercheck: 1\ncharter: {id: x, title: Créteil}\n"


@pytest.mark.parametrize(
    "name, raw, words, position",
    [
        ("binary", random.Random(8).randbytes(3000).replace(b"\0", b""), "not valid UTF-8", None),
        ("binary-with-nul", random.Random(9).randbytes(3000), "Binary", None),
        ("nul", b"partnercheck: 1\ncharter: {id: x\x00}\n", "NUL bytes", (2, 16)),
        ("latin-1", TEXT.encode("latin-1"), "Latin-1", (2, 27)),
        ("utf-16-bom", TEXT.encode("utf-16"), "UTF-16", (1, 1)),
        ("utf-16-le-no-bom", TEXT.encode("utf-16-le"), "UTF-16 without a byte order mark", (1, 2)),
        ("utf-16-be-no-bom", TEXT.encode("utf-16-be"), "UTF-16 without a byte order mark", (1, 1)),
        ("utf-32", TEXT.encode("utf-32"), "UTF-32", (1, 1)),
        ("encoded-surrogate", b'partnercheck: 1\nvision: "a\xed\xa0\x80"\n', "lone surrogate (U+D800)", (2, 11)),
        ("escaped-surrogate", b'partnercheck: 1\nvision: "a\\ud800"\n', "lone surrogate", (2, 9)),
        ("tabs", b"partnercheck: 1\ncharter:\n\tid: x\n", "A tab is used on line 3", (3, 1)),
        ("unterminated-quote", b'partnercheck: 1\ncharter: {id: x, title: "Plateforme\n', "opened with `\"` on line 2 is never closed", None),
        ("control-character", b"partnercheck: 1\nvision: a\x07b\n", "U+0007", (2, 10)),
        ("huge-integer", b"partnercheck: 1\nx-n: " + b"9" * 5000 + b"\n", "more digits", (2, 6)),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "",
)
def test_bad_bytes_are_doc01_with_a_position(cli, tmp_path, name, raw, words, position):
    finding = only(cli, write(tmp_path, f"{name}.yaml", raw))
    assert finding["code"] == "DOC01"
    assert words in finding["message"]
    assert finding["line"] >= 1 and finding["column"] >= 1
    if position is not None:
        assert (finding["line"], finding["column"]) == position


def test_a_byte_order_mark_before_utf8_is_accepted(cli, tmp_path):
    code, out = lint_json(cli, write(tmp_path, "bom.yaml", codecs.BOM_UTF8 + NO_PILOT.encode()))
    assert "DOC01" not in codes(out)
    assert "PIL01" in codes(out)


def test_an_escaped_surrogate_pair_is_one_character(cli, tmp_path):
    code, out = lint_json(cli, write(tmp_path, "pair.yaml", NO_PILOT + 'vision: "\\ud83e\\udd1d ensemble"\n'))
    assert "DOC01" not in codes(out)


def test_text_output_of_bad_bytes_has_no_traceback(cli, tmp_path):
    path = write(tmp_path, "bad.yaml", bytes(range(256)) * 4)
    code, out, err = cli("check", "--no-plugins", "--isolated", "--color", "never", str(path))
    assert code == 1
    assert "DOC01" in out
    clean(out, err)


# 5. YAML features -----------------------------------------------------------------------


def test_python_tags_are_refused_and_never_constructed(cli, tmp_path):
    marker = tmp_path / "PWNED"
    text = NO_PILOT + f'vision: !!python/object/apply:os.system ["touch {marker}"]\nx-obj: !!python/name:os.system\n'
    code, out = lint_json(cli, write(tmp_path, "tags.yaml", text))
    tags = [f for f in findings(out) if f["code"] == "DOC05"]
    assert [f["line"] for f in tags] == [5, 6]
    assert "python/object/apply:os.system" in tags[0]["message"]
    assert not marker.exists()


def test_include_is_refused_and_the_file_is_not_read(cli, tmp_path):
    write(tmp_path, "secret.txt", "SECRET-CONTENT")
    text = NO_PILOT + "vision: !include secret.txt\n"
    code, out = lint_json(cli, write(tmp_path, "inc.yaml", text))
    doc05 = [f for f in findings(out) if f["code"] == "DOC05"]
    assert len(doc05) == 1 and doc05[0]["line"] == 5 and "!include" in doc05[0]["message"]
    assert "SECRET-CONTENT" not in out


@pytest.mark.parametrize("tag, value", [("!foo", "bar"), ("!<tag:example.org,2026:x>", "bar"), ("!ruby/object:Gem::Requirement", "{a: 1}"), ("!env", "[HOME]")])
def test_unknown_and_unsupported_tags_are_doc05(cli, tmp_path, tag, value):
    text = NO_PILOT + f"x-tagged: {tag} {value}\n"
    code, out = lint_json(cli, write(tmp_path, "tag.yaml", text))
    [doc05] = [f for f in findings(out) if f["code"] == "DOC05"]
    assert (doc05["line"], doc05["column"]) == (5, 11)
    assert code == 1


def test_merge_keys_are_supported_with_positions(cli, tmp_path):
    text = (
        "partnercheck: 1\n"
        "x-defaults: &defaults\n"
        "  type: entreprise\n"
        "  name: Commun\n"
        "charter: {id: x, title: Plateforme}\n"
        "partners:\n"
        "  - id: a\n"
        "    <<: *defaults\n"
    )
    code, out = lint_json(cli, write(tmp_path, "merge.yaml", text))
    bad_type = [f for f in findings(out) if f["code"] == "SCH01" and f["pointer"] == "/partners/0/type"]
    assert len(bad_type) == 1, findings(out)
    assert (bad_type[0]["line"], bad_type[0]["column"]) == (8, 9)  # the alias that brought the value in


def test_multi_document_streams_are_doc03_at_the_second_document(cli, tmp_path):
    finding = only(cli, write(tmp_path, "multi.yaml", NO_PILOT + "---\n" + NO_PILOT))
    assert finding["code"] == "DOC03"
    assert "2 YAML documents" in finding["message"]
    assert finding["line"] == 5


HEAD = "partnercheck: 1\ncharter:\n  id: c\n  title: T\n"


def test_binary_files_are_not_taken_for_utf16() -> None:
    with open(sys.executable, "rb") as handle:
        _, problem = decode(handle.read(4096))
    assert problem is not None and english(problem.message).startswith("Binary file, not text")
    _, problem = decode(HEAD.encode("utf-16-le"))
    assert problem is not None and "UTF-16 without a byte order mark" in english(problem.message)
