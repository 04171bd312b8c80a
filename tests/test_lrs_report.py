"""`academy report --lrs`: the cohort report from a real Learning Record Store (Ralph),
page after page, filtered by registration and time, equal to the report from the same
attempts as files; records that do not re-score to what they claim are listed, and a
refused login or an LRS that is away is said in plain words."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest

from academy.core.xapi import VERB_COMPLETED, attempt_extension, quiz_activity
from support.lrs import AUTH, PASSWORD, USER, Ralph
from support.site import academy
from test_report import answers_for, project, result, write

pytestmark = pytest.mark.xdist_group("lrs-report")

SITE = "http://academy.example.com/onboarding/"
COHORT_A = "0b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b"
COHORT_B = "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918"


@pytest.fixture(scope="module")
def ralph(tmp_path_factory) -> Iterator[Ralph]:
    lrs = Ralph(tmp_path_factory.mktemp("lrs"), "http://127.0.0.1:1")
    lrs.start()
    yield lrs
    lrs.stop()


def record(envelope: dict, registration: str, **result_fields) -> dict:
    """A quiz `completed` statement as the site's pages send it."""
    name = envelope["trainee"]["name"]
    return {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "mbox": f"mailto:{uuid.uuid5(uuid.NAMESPACE_OID, name)}@example.com",
            "name": name,
        },
        "verb": {"id": VERB_COMPLETED, "display": {"zh-CN": "完成"}},
        "object": {"objectType": "Activity", "id": quiz_activity(SITE, envelope["quiz"]["id"])},
        "result": {
            "completion": True,
            "extensions": {attempt_extension(SITE): envelope},
            **result_fields,
        },
        "context": {"registration": registration},
        "timestamp": envelope["submitted"],
    }


def page_record(registration: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "mbox": "mailto:reader@example.com"},
        "verb": {"id": VERB_COMPLETED},
        "object": {"objectType": "Activity", "id": SITE + "soc/mission.html"},
        "context": {"registration": registration},
    }


def post(lrs: Ralph, statements: list[dict]) -> None:
    for start in range(0, len(statements), 50):
        request = urllib.request.Request(
            lrs.endpoint + "statements",
            data=json.dumps(statements[start : start + 50]).encode(),
            headers={
                "Authorization": AUTH,
                "X-Experience-API-Version": "1.0.3",
                "Content-Type": "application/json",
            },
            method="POST",
        )
        urllib.request.urlopen(request, timeout=30).read()


def report(root: Path, out: Path, *args: str, auth: str = f"{USER}:{PASSWORD}"):
    env = {"SITE_URL": SITE, "ACADEMY_LRS_AUTH": auth, "NETRC": str(root / "no-netrc")}
    return academy(root, "report", *args, "-o", str(out), env=env)


def table(path: Path, skip_source: bool = False) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [row[1:] for row in rows] if skip_source else rows


def test_the_lrs_report_pages_through_the_cohort_and_equals_the_file_report(ralph, tmp_path):
    root = project(tmp_path)
    files = tmp_path / "files"
    cohort, other = [], []
    for person in range(40):  # 120 attempts: more than two pages of Ralph's 100
        for attempt in range(3):
            row = [(person + attempt + n) % 3 != 0 for n in range(4)]
            envelope = result(
                f"学员{person:02d}",
                answers_for(row),
                f"2026-11-{attempt + 1:02d}T09:{person:02d}:00Z",
            )
            write(files, f"{person:02d}-{attempt}.json", envelope)
            cohort.append(record(envelope, COHORT_A))
    other.append(
        record(result("别的班", answers_for([1, 1, 1, 1]), "2026-11-02T10:00:00Z"), COHORT_B)
    )
    post(ralph, [*cohort[:60], page_record(COHORT_A), *other, *cohort[60:]])

    by_file = academy(root, "report", str(files), "-o", str(tmp_path / "f"), env={"SITE_URL": SITE})
    assert by_file.returncode == 0, by_file.stderr
    by_lrs = report(root, tmp_path / "l", "--lrs", ralph.endpoint, "--registration", COHORT_A)
    assert by_lrs.returncode == 0, by_lrs.stdout + by_lrs.stderr
    assert "本站测验的作答 120 条" in by_lrs.stdout
    assert "已评分 120 条记录（40 位学员）" in by_lrs.stdout
    for name in ("trainees.csv", "questions.csv"):
        assert (tmp_path / "f" / name).read_bytes() == (tmp_path / "l" / name).read_bytes()
    assert table(tmp_path / "f" / "attempts.csv", True) == table(
        tmp_path / "l" / "attempts.csv", True
    )
    sources = {row[0] for row in table(tmp_path / "l" / "attempts.csv")[1:]}
    assert sources == {f"LRS 语句 {statement['id']}" for statement in cohort}

    # without the registration: the other cohort's trainee too, and never the page record
    everyone = report(root, tmp_path / "all", "--lrs", ralph.endpoint)
    assert "已评分" in everyone.stdout and "（41 位学员）" in everyone.stdout


def test_since_reads_only_the_later_records(ralph, tmp_path):
    root = project(tmp_path)
    cohort = str(uuid.uuid4())
    early = datetime.now(UTC).isoformat(timespec="seconds")
    post(ralph, [record(result("早", answers_for([1, 1, 1, 1]), early), cohort)])
    time.sleep(1.1)
    since = datetime.now(UTC).isoformat(timespec="seconds")
    time.sleep(1.1)
    late = datetime.now(UTC).isoformat(timespec="seconds")
    post(ralph, [record(result("晚", answers_for([1, 1, 1, 1]), late), cohort)])
    run = report(
        root, tmp_path / "o", "--lrs", ralph.endpoint, "--registration", cohort, "--since", since
    )
    assert "已评分 1 条记录（1 位学员）" in run.stdout, run.stdout + run.stderr
    attempts = (tmp_path / "o" / "attempts.csv").read_text(encoding="utf-8-sig")
    assert [row["姓名"] for row in csv.DictReader(io.StringIO(attempts))] == ["晚"]


def test_records_that_do_not_rescore_are_listed_and_never_stop_the_report(ralph, tmp_path):
    root = project(tmp_path)
    cohort = str(uuid.uuid4())
    right = result("张三", answers_for([1, 1, 1, 1]), "2026-11-01T09:00:00Z")
    inflated = record(  # claims 4 of 4 for answers worth 0
        result("李四", answers_for([0, 0, 0, 0]), "2026-11-01T09:00:00Z"),
        cohort,
        score={"raw": 4, "min": 0, "max": 4},
    )
    old = record(
        result(
            "王五",
            answers_for([1, 1, 1, 1]),
            "2026-11-01T09:00:00Z",
            quiz={"id": "hand", "version": 2},
        ),
        cohort,
    )
    foreign = record(right, cohort)
    foreign["result"]["extensions"] = {"http://other.example.com/xapi/attempt": right}
    elsewhere = record(right, cohort)
    elsewhere["object"]["id"] = quiz_activity(SITE, "other-quiz")
    post(ralph, [record(right, cohort), inflated, old, foreign, elsewhere])

    run = report(root, tmp_path / "o", "--lrs", ralph.endpoint, "--registration", cohort)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "已评分 2 条记录（2 位学员），拒绝 3 个，得分被改动 1 个。" in run.stdout
    assert f"改动  LRS 语句 {inflated['id']}" in run.stdout
    rejected = (tmp_path / "o" / "rejected.csv").read_text(encoding="utf-8-sig")
    assert f"LRS 语句 {old['id']}" in rejected and "第 2 版" in rejected
    assert f"LRS 语句 {foreign['id']}" in rejected and "语句中没有作答记录" in rejected
    assert f"LRS 语句 {elsewhere['id']}" in rejected and "不一致" in rejected


def test_credentials_come_from_the_environment_or_netrc_and_never_the_command_line(ralph, tmp_path):
    root = project(tmp_path)
    refused = report(root, tmp_path / "o", "--lrs", ralph.endpoint, auth="trainer:wrong")
    assert refused.returncode == 2
    assert (
        "学习记录系统拒绝了登录信息（401）" in refused.stderr
        and "ACADEMY_LRS_AUTH" in refused.stderr
    )
    assert "Traceback" not in refused.stderr

    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", encoding="utf-8")
    netrc.chmod(0o600)
    from_netrc = academy(
        root,
        "report",
        "--lrs",
        ralph.endpoint,
        "--registration",
        str(uuid.uuid4()),
        "--netrc",
        str(netrc),
        "-o",
        str(tmp_path / "n"),
        env={"SITE_URL": SITE, "ACADEMY_LRS_AUTH": ""},
    )
    assert from_netrc.returncode == 0, from_netrc.stderr

    in_address = report(
        root, tmp_path / "o", "--lrs", ralph.endpoint.replace("//", f"//{USER}:{PASSWORD}@")
    )
    assert in_address.returncode == 2 and "不能写用户名和密码" in in_address.stderr

    both = report(root, tmp_path / "o", str(tmp_path), "--lrs", ralph.endpoint)
    assert both.returncode == 2 and "只能选一种" in both.stderr

    away = report(root, tmp_path / "o", "--lrs", "http://127.0.0.1:9/xAPI/")
    assert away.returncode == 2 and "无法连接学习记录系统" in away.stderr

    bad_since = report(root, tmp_path / "o", "--lrs", ralph.endpoint, "--since", "上周")
    assert bad_since.returncode == 2 and "--since" in bad_since.stderr
    bad_cohort = report(root, tmp_path / "o", "--lrs", ralph.endpoint, "--registration", "一班")
    assert bad_cohort.returncode == 2 and "UUID" in bad_cohort.stderr

    no_address = academy(
        root, "report", "--lrs", ralph.endpoint, "-o", str(tmp_path / "o"), env={"SITE_URL": ""}
    )
    assert no_address.returncode == 2 and "site_url" in no_address.stderr


class _Scripted(http.server.BaseHTTPRequestHandler):
    """An 'LRS' that answers every GET with the raw bytes it is given (a hostile server)."""

    answer = b""
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.headers.get("Authorization", ""))
        self.wfile.write(self.answer)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _ok(body: dict | str) -> bytes:
    text = body if isinstance(body, str) else json.dumps(body)
    data = text.encode()
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%b" % (
        len(data),
        data,
    )


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (
            _ok({"statements": [], "more": "http://elsewhere.example.com/xAPI/statements?p=2"}),
            "指向别的服务器",
        ),
        (_ok({"statements": [], "more": "http://[bad"}), "指向别的服务器"),
        (
            _ok({"statements": [], "more": "/xAPI/statements?verb=x"}),
            None,
        ),  # then the same page again
        (_ok("[" * 100000 + "]" * 100000), "不是可读的 JSON"),
        (b'HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{"statements": [', "连接中断"),
        (b"garbage\r\n\r\n", "连接中断"),
        (
            b"HTTP/1.1 302 Found\r\nLocation: http://localhost:9/xAPI/statements\r\n"
            b"Content-Length: 0\r\n\r\n",
            "转到了别的服务器",
        ),
    ],
)
def test_a_hostile_or_broken_lrs_is_explained_without_a_traceback(tmp_path, answer, words):
    root = project(tmp_path)
    handler = type("Handler", (_Scripted,), {"answer": answer, "seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
        run = report(root, tmp_path / "o", "--lrs", endpoint)
    finally:
        server.shutdown()
        server.server_close()
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert (words or "指回读过的一页") in run.stderr
    assert len(handler.seen) <= 2  # the credentials went to this server only, and not in a loop


def test_filters_without_lrs_are_a_usage_error(tmp_path):
    root = project(tmp_path)
    run = academy(root, "report", str(tmp_path), "--since", "2026-09-01", "-o", str(tmp_path / "o"))
    assert run.returncode == 2 and "只用于 --lrs" in run.stderr


def test_the_lms_actor_decides_who_made_an_attempt(ralph, tmp_path):
    root = project(tmp_path)
    cohort = str(uuid.uuid4())
    namesakes = []
    for number in (1, 2):  # two trainees called 张伟, launched by the LMS as two people
        statement = record(
            result("张伟", answers_for([1, 1, 0, 0]), "2026-11-01T09:00:00Z"), cohort
        )
        statement["actor"] = {
            "objectType": "Agent",
            "mbox": f"mailto:zhang.wei.{number}@example.com",
        }
        namesakes.append(statement)
    post(ralph, namesakes)
    # a registration written as a URN is read as the same registration
    run = report(
        root, tmp_path / "o", "--lrs", ralph.endpoint, "--registration", f"urn:uuid:{cohort}"
    )
    assert "已评分 2 条记录（2 位学员）" in run.stdout, run.stdout + run.stderr
