"""The xAPI vocabulary the site and `academy report --lrs` share.

When a trainer sets `academy: xapi: {endpoint: …}` in mkdocs.yml, the build
writes SETTINGS_FILE, the browser's xapi.js sends statements to that Learning
Record Store, and `academy report --lrs` reads them back. Activity ids and
extension keys are IRIs under the site's address (site_url), so they stay the
same from build to build and name things the organisation owns:

    <site_url><page path>            a page (completed)
    <site_url>xapi/quiz/<id>         a quiz (attempted, completed)
    <site_url>xapi/quiz/<id>/<qid>   one question (answered)
    <site_url>xapi/spcm              the SPCM profile (scored)
    <site_url>xapi/attempt           result extension: the attempt as its exported file
    <site_url>xapi/profile           result extension: the profile as its exported file
    <site_url>xapi/quiz-version      context extension: the quiz's version
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

XAPI_VERSION = "1.0.3"
SETTINGS_FILE = "assets/academy/xapi-settings.js"
SCRIPT = "assets/academy/xapi.js"

# The verbs (ADL's) and activity types the pages send are xapi.js's; the report reads
# the quiz `completed` statements.
VERB_COMPLETED = "http://adlnet.gov/expapi/verbs/completed"

_SETTINGS_LINE = re.compile(r"^window\.AcademyXapi = (?P<json>\{.*\});\n?$", re.S)


def quiz_activity(base: str, quiz_id: str) -> str:
    return f"{base}xapi/quiz/{quiz_id}"


def attempt_extension(base: str) -> str:
    return f"{base}xapi/attempt"


def with_slash(address: str) -> str:
    """An address as IRIs are made from it and requests are sent to it: ending in one
    slash (the site's address, the LRS's endpoint)."""
    return address.rstrip("/") + "/"


def endpoint_problem(endpoint: str, site_url: str | None) -> str | None:
    """Why an `xapi.endpoint` setting cannot be used (None when it can)."""
    if not site_url:
        return (
            "academy 插件的 xapi.endpoint 需要站点地址 site_url："
            "学习记录中的活动 id 由站点地址组成。"
            "请在 mkdocs.yml 中设置 site_url（例如 site_url: https://academy.example.com/）"
        )
    parts = urlsplit(endpoint)
    is_path = not parts.scheme and not parts.netloc and endpoint.startswith("/")
    is_url = parts.scheme in ("http", "https") and bool(parts.netloc)
    if not (is_path or is_url) or parts.query or parts.fragment or "@" in parts.netloc:
        return (
            f"academy 插件的 xapi.endpoint“{endpoint}”不是学习记录系统（LRS）的地址。"
            "请写 http(s):// 开头的完整地址（例如 https://lrs.example.com/xAPI/），"
            "或本站所在服务器上的路径（例如 /xAPI/）；地址中不能写用户名和密码"
        )
    return None


def settings_script(settings: dict[str, object]) -> str:
    """The generated SETTINGS_FILE: one line the browser runs and csp.py reads back."""
    text = json.dumps(settings, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "window.AcademyXapi = " + text + ";\n"


def read_settings_script(text: str) -> dict[str, object] | None:
    """The settings a built site's SETTINGS_FILE holds; None when it is not one."""
    match = _SETTINGS_LINE.match(text)
    if match is None:
        return None
    try:
        value = json.loads(match.group("json"))
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def cross_origin(endpoint: str) -> str | None:
    """The origin (scheme://host[:port]) of an endpoint on another server; None for a path
    on the site's own server."""
    parts = urlsplit(endpoint)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"
