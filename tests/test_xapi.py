"""Learning records are off unless a trainer turns them on: the shipped site loads no
xAPI script and its policy connects nowhere else; a bad `xapi.endpoint` stops
`academy check` and the build with the same words; an LRS on another server, and only
it, joins the policy's connect-src."""

from __future__ import annotations

import pytest

from academy.core.xapi import SCRIPT, SETTINGS_FILE, endpoint_problem, settings_script
from academy.publish.csp import policy, record_store_origin
from support.site import academy, page, run_build, write_project


def test_the_shipped_site_sends_nothing(built_site):
    assert not (built_site.site / SETTINGS_FILE).exists()
    for html in built_site.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "assets/academy/xapi" not in text, html
    assert record_store_origin(built_site.site) is None
    assert "connect-src 'self';" in policy(set(), record_store_origin(built_site.site))


@pytest.mark.parametrize(
    ("endpoint", "site_url", "words"),
    [
        ("https://lrs.example.com/xAPI/", None, "需要站点地址 site_url"),
        ("lrs.example.com/xAPI", "https://academy.example.com/", "不是学习记录系统（LRS）的地址"),
        ("ftp://lrs.example.com/", "https://academy.example.com/", "http(s)://"),
        ("https://user:pw@lrs.example.com/xAPI/", "https://a.example.com/", "不能写用户名和密码"),
    ],
)
def test_an_endpoint_that_cannot_work_is_explained(endpoint, site_url, words):
    problem = endpoint_problem(endpoint, site_url)
    assert problem is not None and words in problem


@pytest.mark.parametrize("endpoint", ["https://lrs.example.com/xAPI/", "/xAPI/"])
def test_an_lrs_address_or_a_path_on_the_site_server_is_accepted(endpoint):
    assert endpoint_problem(endpoint, "https://academy.example.com/") is None


@pytest.mark.parametrize(
    ("endpoint", "connect"),
    [
        ("https://lrs.example.com:8443/xAPI/", "connect-src 'self' https://lrs.example.com:8443;"),
        ("/xAPI/", "connect-src 'self';"),  # proxied on the site's own server
    ],
)
def test_only_an_lrs_on_another_server_joins_connect_src(tmp_path, endpoint, connect):
    settings = tmp_path / SETTINGS_FILE
    settings.parent.mkdir(parents=True)
    settings.write_text(settings_script({"endpoint": endpoint, "base": "x"}), encoding="utf-8")
    assert connect in policy(set(), record_store_origin(tmp_path))


@pytest.mark.build
def test_check_and_build_refuse_an_endpoint_without_a_site_address_alike(tmp_path):
    project = write_project(tmp_path / "p", {"index.md": page("首页")})
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - academy:\n", "  - academy:\n      xapi:\n        endpoint: /xAPI/\n"
        ),
        encoding="utf-8",
    )
    checked = academy(project, "check", env={"SITE_URL": ""})
    built = run_build(project, tmp_path / "site")
    assert checked.returncode != 0 and built.returncode != 0
    words = "academy 插件的 xapi.endpoint 需要站点地址 site_url"
    assert words in checked.stderr and words in built.output
    assert "Traceback" not in checked.stderr + built.output

    site_url = "http://academy.example.com/"
    built = run_build(project, tmp_path / "site", site_url=site_url)
    assert built.returncode == 0, built.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert SETTINGS_FILE in home and SCRIPT in home
    assert home.index(SETTINGS_FILE) < home.index(SCRIPT)
    assert academy(project, "check", env={"SITE_URL": site_url}).returncode == 0
