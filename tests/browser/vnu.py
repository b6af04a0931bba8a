"""The W3C Nu Html Checker (vnu.jar from the npm package vnu-jar, run with the machine's Java).

`make install` puts it in tools/vnu/node_modules with `npm ci` from a pinned lock file. Where it is
missing the HTML checks skip with a loud message; in CI they fail (as a missing Chromium does)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = (
    "run `make install` (it runs `npm ci --ignore-scripts --prefix tools/vnu`; "
    "Java 17 comes from Debian's openjdk-17-jre-headless)"
)


def vnu_missing() -> str | None:
    """Why the checker cannot run here, or None when it can."""
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(ROOT)} is missing"
    if shutil.which("java") is None:
        return "java is not on the PATH"
    return None


def require_vnu() -> None:
    """Skip loudly without the checker; in CI, fail."""
    missing = vnu_missing()
    if missing is None:
        return
    message = f"HTML CHECK SKIPPED: {missing}; {INSTALL_HINT}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {message}", pytrace=False)
    print(f"\n{'!' * 80}\n{message}\n{'!' * 80}")
    pytest.skip(message)


def vnu_errors(pages: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Check every page's HTML in one Java process; returns {url: [error, ...]} for pages with
    errors. `pages` maps a page's URL to its HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for number, (url, html) in enumerate(pages.items()):
        path = folder / f"page-{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = url
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [str(folder / name) for name in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its report to standard error and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        name = message.get("url", "?").rsplit("/", 1)[-1]
        url = files.get(name, name)
        where = f"line {message.get('lastLine', '?')}"
        extract = message.get("extract", "").strip().replace("\n", " ")[:120]
        errors.setdefault(url, []).append(f"{where}: {message['message']} [{extract}]")
    return errors
