"""The Content-Security-Policy for hosting the built site, without 'unsafe-inline' for scripts.

Material writes a few small inline scripts into every page (the scope for
stored settings, palette and tab restoring); they are allowed by their SHA-256
hashes. Pages connect only to their own server, unless the site sends learning
records to a Learning Record Store on another one (academy.xapi.endpoint): then
that server, and only it, is added to connect-src. Print the header for a
built site, or write it into the nginx example (`make site` does this after
every build), with:

    python -m academy.publish.csp site/
    python -m academy.publish.csp site/ --write hosting/nginx.conf
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from academy.core.xapi import SETTINGS_FILE, cross_origin, read_settings_script

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_EXECUTABLE = re.compile(
    r"""\btype\s*=\s*["']?(?!text/javascript|module|application/javascript)""", re.I
)

BASE = (
    "default-src 'self'; {script}; style-src 'self'; img-src 'self' data:; worker-src 'self'; "
    "connect-src {connect}; object-src 'none'; base-uri 'self'; form-action 'none'; "
    "frame-ancestors 'none'"
)
_HEADER = re.compile(r'(add_header\s+Content-Security-Policy\s+")[^"]*(")')


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


def record_store_origin(site: Path) -> str | None:
    """The Learning Record Store's server, when the site sends records to another server."""
    settings_file = site / SETTINGS_FILE
    if not settings_file.is_file():
        return None
    settings = read_settings_script(settings_file.read_text(encoding="utf-8"))
    endpoint = settings.get("endpoint") if settings else None
    return cross_origin(endpoint) if isinstance(endpoint, str) else None


def policy(hashes: set[str], connect: str | None = None) -> str:
    return BASE.format(
        script="script-src 'self' " + " ".join(sorted(hashes)),
        connect="'self'" + (f" {connect}" if connect else ""),
    )


def write_policy(config: Path, value: str) -> bool:
    """Put `value` into every Content-Security-Policy header of an nginx config; True if
    it changed."""
    text = config.read_text(encoding="utf-8")
    updated = _HEADER.sub(lambda match: match.group(1) + value + match.group(2), text)
    if updated != text:
        config.write_text(updated, encoding="utf-8")
    return updated != text


def main(argv: list[str]) -> int:
    with_config = 3  # arguments: site --write config
    if (
        len(argv) not in (1, with_config)
        or not Path(argv[0]).is_dir()
        or (len(argv) == with_config and argv[1] != "--write")
    ):
        print(
            "用法：python -m academy.publish.csp 站点文件夹 [--write nginx 配置文件]"
            "（例如 site/ --write hosting/nginx.conf）",
            file=sys.stderr,
        )
        return 2
    site = Path(argv[0])
    value = policy(inline_script_hashes(site), record_store_origin(site))
    if len(argv) == with_config:
        config = Path(argv[2])
        if not config.is_file():
            print(f"{config}: 找不到这个文件；请给出 nginx 配置文件的路径", file=sys.stderr)
            return 2
        if write_policy(config, value):
            print(f"{config}: Content-Security-Policy 已按本次构建更新")
        return 0
    print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
