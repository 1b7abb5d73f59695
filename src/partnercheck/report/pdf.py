"""The report as a PDF, printed by headless Chromium from the HTML report.

Chromium is the browser the test suite already drives, and it prints the
report's own print style sheet (A4, compact, colours kept) exactly as a board
member's browser would: no second layout engine to keep in step, no Python
dependency with native libraries. It is found on PATH (`chromium`,
`chromium-browser`, `google-chrome`) or named by PARTNERCHECK_CHROMIUM; when
there is none, `PdfError` says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from partnercheck.atomic import write_bytes, write_text
from partnercheck.errors import PartnercheckError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-pdf-header-footer",
)
INSTALL = "install Chromium (Debian or Ubuntu: apt-get install chromium) or set PARTNERCHECK_CHROMIUM to a Chromium or Chrome executable, or write HTML (-o report.html)"


class PdfError(PartnercheckError):
    """The PDF could not be printed: no browser, or the browser failed (exit 2, one line)."""


def chromium() -> str | None:
    """The browser that prints the PDF, or None."""
    named = os.environ.get("PARTNERCHECK_CHROMIUM", "")
    if named:
        return shutil.which(named)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def write_pdf(html: str, target: str | Path) -> None:
    """Print `html` to the PDF file `target` (written atomically)."""
    browser = chromium()
    if browser is None:
        raise PdfError(f"cannot write {target}: no Chromium found to print the PDF; {INSTALL}")
    with tempfile.TemporaryDirectory(prefix="partnercheck-pdf-") as folder:
        page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        write_text(page, html)
        command = [browser, *FLAGS, *_sandbox(), f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(f"cannot write {target}: {browser} did not print the PDF ({exc})") from exc
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
            raise PdfError(f"cannot write {target}: {browser} did not print the PDF ({last})")
        try:
            write_bytes(Path(target), pdf.read_bytes())
        except OSError as exc:
            raise PdfError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _sandbox() -> tuple[str, ...]:
    """Chromium refuses to run as root with its sandbox; the page it prints is our own, with no script."""
    return ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()
