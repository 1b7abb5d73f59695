"""Benchmark `partnercheck server`: from a one-character `didChange` to its `publishDiagnostics`.

    python benchmarks/lsp.py                      # both charters, 200 edits each, memory over 10,000 edits
    python benchmarks/lsp.py --edits 50 --memory-edits 1000

A real LSP client (pygls's) starts `partnercheck server` over stdio with no
debounce pause (`debounce: 0`: the time measured is the server's own), opens
a generated charter (benchmarks/generate.py: about 200 lines, and 1,000
partners) and types one character at a time in the charter's title, toggling
it, waiting each time for the diagnostics of that version. It reports the
median and 95th percentile and the server's CPU time per edit (which, unlike
the latency, does not grow with the machine's load), then the server's
resident memory (VmRSS) after 1,000 edits (warm-up) and after `--memory-edits`
edits on the 200-line charter (every 1,000 edits on standard error). Not a test:
the figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from generate import charter  # noqa: E402


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("partnercheck-benchmark", "1")
        self.waiting: dict[int, asyncio.Future[float]] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(client: Client, params: types.PublishDiagnosticsParams) -> None:
            future = client.waiting.pop(params.version or 0, None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(client: Client, params: types.ShowMessageParams) -> None:
            print(f"server: {params.message}", file=sys.stderr)


async def measure(text: str, folder: Path, edits: int, memory_edits: int = 0) -> dict[str, float]:
    path = folder / "charter.yaml"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = Client()
    await client.start_io(sys.executable, "-m", "partnercheck", "server", cwd=str(folder))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri(), initialization_options={"debounce": 0}))
    client.initialized(types.InitializedParams())
    loop = asyncio.get_running_loop()
    opened = loop.create_future()
    client.waiting[1] = opened
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await opened
    line = next(number for number, row in enumerate(text.split("\n")) if row.startswith("  title: "))
    column = len("  title: ") + 1  # inside the quoted title
    original = text.split("\n")[line][column]
    version = 1

    async def edit() -> float:
        nonlocal version
        version += 1
        future = loop.create_future()
        client.waiting[version] = future
        char = "x" if version % 2 == 0 else original
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=types.Position(line=line, character=column), end=types.Position(line=line, character=column + 1)), text=char)],
            )
        )
        return (await future) - start

    for _ in range(10):  # warm-up
        await edit()
    pid = client._server.pid  # type: ignore[union-attr]
    cpu = cpu_seconds(pid)
    times = sorted([await edit() for _ in range(edits)])
    result = {"median_ms": statistics.median(times) * 1000, "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000, "cpu_ms": (cpu_seconds(pid) - cpu) / edits * 1000}
    if memory_edits:
        warm = min(WARM_UP, memory_edits)
        for done in range(1, memory_edits + 1):
            await edit()
            if done == warm:
                result["rss_warm_mb"] = rss_mb(pid)
            if done % 1000 == 0:
                print(f"  after {done:,} edits: {rss_mb(pid):.1f} MB", file=sys.stderr, flush=True)
        result["rss_end_mb"] = rss_mb(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return result


#: Edits before the memory counts as warmed up (caches filled, the allocator's arenas in use).
WARM_UP = 1_000


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) the process used so far: unlike the latency, it does not grow with the machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--memory-edits", type=int, default=10_000)
    args = parser.parse_args()
    cases = [("200 lines (10 partners)", charter(10), args.memory_edits), ("1,000 partners", charter(1000), 0)]
    print("| charter | lines | median | p95 | server CPU per edit | memory after 1,000 edits | after all edits |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, text, memory in cases:
        with tempfile.TemporaryDirectory() as folder:
            got = asyncio.run(measure(text, Path(folder), args.edits, memory))
        rss = f"{got['rss_warm_mb']:.0f} MB | {got['rss_end_mb']:.0f} MB ({memory:,} edits)" if memory else "– | –"
        print(f"| {name} | {len(text.splitlines()):,} | {got['median_ms']:.1f} ms | {got['p95_ms']:.1f} ms | {got['cpu_ms']:.1f} ms | {rss} |", flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
