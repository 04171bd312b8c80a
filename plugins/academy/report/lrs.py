"""Attempts from a Learning Record Store: the quiz `completed` statements the site sent.

Each such statement carries the attempt exactly as the page exports it (the result
or response file) under the `attempt` result extension (core/xapi.py); it is
re-scored by the same code as a file, so a report from the LRS and one from the
exported files of the same attempts agree. Fetching follows the xAPI statement
API: GET <endpoint>statements with `verb`, `since` and `registration`, and the
`more` links for the pages after the first.
"""

from __future__ import annotations

import base64
import http.client
import json
import netrc
import os
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from academy.core.model import Model
from academy.core.problems import Problem
from academy.core.quizzes import Quiz
from academy.core.xapi import (
    VERB_COMPLETED,
    XAPI_VERSION,
    attempt_extension,
    quiz_activity,
    with_slash,
)
from academy.scoring.result_files import Rescored, rescore_data

from .attempts import ALTERED, Attempt, Collected, attempt_of, gathered, status_of

AUTH_VARIABLE = "ACADEMY_LRS_AUTH"
PAGE_SIZE = 100
TIMEOUT = 30  # seconds per request
MAX_PAGES = 100_000  # 10 million records at the usual page size


class LrsError(Exception):
    """The LRS cannot be read: the message says why, in the trainer's words."""


@dataclass(frozen=True)
class Query:
    """What to read: the endpoint, and `since` and `registration` as the API takes them
    (lrs_time, registration_of)."""

    endpoint: str
    since: str | None = None
    registration: str | None = None


def credentials(endpoint: str, netrc_file: Path | None) -> str | None:
    """The Authorization header: ACADEMY_LRS_AUTH ("user:password", or a whole "Basic …"
    value), else the endpoint's host in a netrc file (--netrc, $NETRC or ~/.netrc)."""
    given = os.environ.get(AUTH_VARIABLE, "").strip()
    if given:
        return given if given.lower().startswith(("basic ", "bearer ")) else _basic(given)
    path = netrc_file or Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        if netrc_file is not None:
            raise LrsError(f"{path}: 找不到这个 netrc 文件")
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(urlsplit(endpoint).hostname or "")
    except (netrc.NetrcParseError, OSError) as error:
        raise LrsError(f"{path}: 无法读取 netrc 文件（{error}）") from None
    if entry is None:
        return None
    login, _, password = entry
    return _basic(f"{login}:{password or ''}")


def _basic(user_and_password: str) -> str:
    return "Basic " + base64.b64encode(user_and_password.encode("utf-8")).decode("ascii")


def address_problem(endpoint: str) -> str | None:
    """Why `academy report --lrs` cannot use this address (None when it can)."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"“{endpoint}”不是学习记录系统的地址，请写 http(s):// 开头的 xAPI 地址"
    if "@" in parts.netloc:
        return (
            "地址中不能写用户名和密码（命令行会留在历史记录中）。"
            f"请用环境变量 {AUTH_VARIABLE} 或 netrc 文件提供"
        )
    return None


def lrs_time(value: str) -> str | None:
    """A day or a time as the statement API's `since` takes it (local time when no zone is
    given); None when it is neither."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.astimezone()).isoformat()


def registration_of(value: str) -> str | None:
    """A registration (a UUID, in any of its written forms) as the statement API takes
    it; None when it is not one."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def fetch_statements(query: Query, auth: str | None) -> Iterator[dict[str, Any]]:
    """Every `completed` statement matching the query, page after page, each once."""
    endpoint = with_slash(query.endpoint)
    params = {"verb": VERB_COMPLETED, "limit": str(PAGE_SIZE), "ascending": "true"}
    if query.since:
        params["since"] = query.since
    if query.registration:
        params["registration"] = query.registration
    url: str | None = endpoint + "statements?" + urlencode(params)
    seen_pages: set[str] = set()
    seen: set[str] = set()
    while url:
        if url in seen_pages:
            raise LrsError(f"{url}: 学习记录系统的分页链接 more 指回读过的一页，记录无法读完")
        if len(seen_pages) >= MAX_PAGES:
            raise LrsError(
                f"{endpoint}: 超过 {MAX_PAGES} 页仍未读完，请用 --since 或 --registration 缩小范围"
            )
        seen_pages.add(url)
        page = _get(url, auth)
        statements = page.get("statements")
        if not isinstance(statements, list):
            raise LrsError(f"{url}: 学习记录系统的回答中没有 statements 列表，这不是 xAPI 接口")
        for statement in statements:
            if isinstance(statement, dict) and str(statement.get("id")) not in seen:
                seen.add(str(statement.get("id")))
                yield statement
        url = _next_page(endpoint, page.get("more"))


def _next_page(endpoint: str, more: Any) -> str | None:
    """The `more` link as an address on the LRS's own server (credentials go nowhere else)."""
    if not isinstance(more, str) or not more:
        return None
    try:
        url = urljoin(endpoint, more)
        same = urlsplit(url)[:2] == urlsplit(endpoint)[:2]
    except ValueError:
        same = False
    if not same:
        raise LrsError(
            f"{endpoint}: 学习记录系统的分页链接 more 指向别的服务器（{more[:200]}），已停止读取"
        )
    return url


class _SameServerRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only on the same server: the credentials must not go elsewhere."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl)[:2] != urlsplit(req.full_url)[:2]:
            fp.close()
            raise LrsError(
                f"{req.full_url}: 学习记录系统把请求转到了别的服务器（{newurl[:200]}），已停止读取"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameServerRedirects)


def _get(url: str, auth: str | None) -> dict[str, Any]:
    headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
    if auth:
        headers["Authorization"] = auth
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            data = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            raise LrsError(
                f"{url}: 学习记录系统拒绝了登录信息（{error.code}）。"
                f"请检查环境变量 {AUTH_VARIABLE} 或 netrc 文件中的用户名和密码，"
                "以及该用户是否有读取权限"
            ) from None
        raise LrsError(f"{url}: 学习记录系统返回错误 {error.code}（{error.reason}）") from None
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", None) or type(error).__name__
        raise LrsError(f"{url}: 无法连接学习记录系统，或连接中断（{reason}）") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise LrsError(f"{url}: 学习记录系统的回答不是可读的 JSON，这不是 xAPI 接口") from None
    if not isinstance(data, dict):
        raise LrsError(f"{url}: 学习记录系统的回答不是 xAPI 的语句结果")
    return data


# ------------------------------------------------------------- statements → attempts


def actor_key(actor: Any) -> str:
    """The actor's identifier (xAPI's inverse functional identifier), as text."""
    if not isinstance(actor, dict):
        return ""
    account = actor.get("account")
    if isinstance(account, dict):
        return f"account:{account.get('homePage', '')}|{account.get('name', '')}"
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if isinstance(actor.get(ifi), str):
            return f"{ifi}:{actor[ifi]}"
    return ""


def is_quiz_record(statement: dict[str, Any], base: str) -> bool:
    """A quiz `completed` statement of this site (pages' `completed` are not attempts)."""
    target = statement.get("object")
    verb = statement.get("verb")
    return (
        isinstance(verb, dict)
        and verb.get("id") == VERB_COMPLETED
        and isinstance(target, dict)
        and str(target.get("id", "")).startswith(quiz_activity(base, ""))
    )


def statement_attempts(
    statement: dict[str, Any], base: str, quizzes: dict[str, Quiz], model: Model
) -> list[Attempt] | Problem:
    """The attempt a quiz `completed` statement carries, re-scored; a Problem says why the
    statement cannot be used."""
    shown = f"LRS 语句 {statement.get('id', '（无 id）')}"
    result = statement.get("result")
    extensions = result.get("extensions") if isinstance(result, dict) else None
    data = extensions.get(attempt_extension(base)) if isinstance(extensions, dict) else None
    if not isinstance(data, dict):
        return Problem(
            shown,
            1,
            0,
            "语句中没有作答记录（result.extensions 缺少 " + attempt_extension(base) + "）",
            "只有本站测验页面发送的记录可以评分；site_url 改过时，旧记录的地址不同。",
        )
    outcome = rescore_data(data, shown, quizzes, model)
    if isinstance(outcome, Problem):
        return outcome
    target = statement.get("object")
    if not isinstance(target, dict) or target.get("id") != quiz_activity(base, outcome.quiz.id):
        return Problem(shown, 1, 0, f"语句的活动与作答记录中的测验“{outcome.quiz.id}”不一致")
    status = status_of(outcome)
    if not _score_agrees(result, outcome):
        status = ALTERED
    attempt = attempt_of(shown, data, outcome, status)
    if isinstance(attempt, Problem):
        return attempt
    actor = statement.get("actor")
    attempt.who = actor_key(actor)
    account = actor.get("account") if isinstance(actor, dict) else None
    # the site's own anonymous account (no launch) does not say who the trainee is
    attempt.who_decides = not (isinstance(account, dict) and account.get("homePage") == base)
    return [attempt]


def _score_agrees(result: Any, outcome: Rescored) -> bool:
    """result.score (raw and max) is what re-scoring gives, when the statement has one."""
    score = result.get("score") if isinstance(result, dict) else None
    if not isinstance(score, dict):
        return True
    knowledge = outcome.score["knowledge"]
    return score.get("raw") == knowledge["earned"] and score.get("max") == knowledge["possible"]


def collect_statements(
    statements: Iterable[dict[str, Any]], base: str, quizzes: dict[str, Quiz], model: Model
) -> tuple[Collected, int]:
    """The attempts of the site's quiz records (and how many records there were)."""
    outcomes: list[list[Attempt] | Problem] = []
    for statement in statements:
        if is_quiz_record(statement, base):
            try:
                outcomes.append(statement_attempts(statement, base, quizzes, model))
            except Exception as error:  # a hostile record must never stop the report
                shown = f"LRS 语句 {statement.get('id')}"
                outcomes.append(Problem(shown, 1, 0, f"无法处理此记录（{type(error).__name__}）"))
    return gathered(outcomes), len(outcomes)
