"""The Content-Security-Policy for hosting the built site, without 'unsafe-inline' for scripts.

Material writes a few small inline scripts into every page (the scope for
stored settings, palette and tab restoring); they are allowed by their SHA-256
hashes. Print the header for a built site with:

    python -m academy.csp site/
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_EXECUTABLE = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module|application/javascript)""", re.I)

BASE = (
    "default-src 'self'; {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)


def inline_script_hashes(site: Path) -> set[str]:
    """'sha256-…' of every executable inline script in the site's pages."""
    hashes = set()
    for page in site.rglob("*.html"):
        for match in _SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match.group("attrs")
            if "src=" in attrs.lower() or _EXECUTABLE.search(attrs):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return hashes


def policy(hashes: set[str]) -> str:
    return BASE.format(script="script-src 'self' " + " ".join(sorted(hashes)))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("用法：python -m academy.csp 站点文件夹（例如 site/）", file=sys.stderr)
        return 2
    print(policy(inline_script_hashes(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
