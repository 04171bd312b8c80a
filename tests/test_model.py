"""The competency model file trainers edit: levels, dimensions, roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.model import load_model
from academy.core.problems import ProblemsFound
from support.site import ROOT, page, run_build, write_project

SHIPPED = (ROOT / "quizzes" / "spcm.yml").read_text(encoding="utf-8")


def test_shipped_model_has_the_four_ordered_levels_eight_dimensions_and_five_roles():
    model = load_model(ROOT / "quizzes" / "spcm.yml")
    assert [level.name for level in model.levels] == [
        "SOC-运营岗位",
        "SOC-管理一级",
        "SOC-管理二级",
        "SOC-管理三级",
    ]
    assert model.groups == (
        ("人", ("价值观", "智商", "情商")),
        ("岗位要求", ("岗位认知", "职业素质", "岗位技能")),
        ("行业", ("行业知识", "SOC专业")),
    )
    targets = {role.id: role.target for role in model.roles}
    assert targets == {
        "operator": "soc-ops",
        "team-lead": "soc-m1",
        "branch-manager": "soc-m2",
        "general-manager": "soc-m3",
        "developer": "soc-ops",
    }


def model_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "spcm.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_model(path, shown_as="quizzes/spcm.yml")
    return [p.format() for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_role_with_unknown_target_level(tmp_path):
    text = SHIPPED.replace("target: soc-m3", "target: soc-m9")
    [message] = model_problems(tmp_path, text)
    assert message.startswith(
        f"quizzes/spcm.yml:{line_of(text, 'target: soc-m9')}: 角色的目标级别“soc-m9”不在 levels 中"
    )


def test_duplicate_role_id(tmp_path):
    text = SHIPPED.replace("id: developer", "id: operator")
    [message] = model_problems(tmp_path, text)
    assert "角色 id“operator”重复" in message


def test_duplicate_dimension(tmp_path):
    text = SHIPPED.replace("[行业知识, SOC专业]", "[行业知识, 情商]")
    found = model_problems(tmp_path, text)
    assert any("维度“情商”重复" in m for m in found)
    assert any("indicators 中的维度“SOC专业”不在 groups 中" in m for m in found)


def test_id_that_is_not_an_identifier(tmp_path):
    text = SHIPPED.replace("id: team-lead", "id: 小组长")
    [message] = model_problems(tmp_path, text)
    assert "不能用作 id" in message


def test_missing_section(tmp_path):
    text = SHIPPED[: SHIPPED.index("roles:")]
    [message] = model_problems(tmp_path, text)
    assert "缺少必填项“roles”" in message


def test_missing_model_file(tmp_path):
    with pytest.raises(ProblemsFound) as caught:
        load_model(tmp_path / "nope.yml", shown_as="quizzes/nope.yml")
    assert caught.value.problems[0].format().startswith("quizzes/nope.yml:1: 找不到能力模型文件")


@pytest.mark.build
def test_broken_model_fails_the_build_with_its_line(tmp_path):
    project = write_project(tmp_path, {"index.md": page("首页")})
    model = project / "quizzes" / "spcm.yml"
    model.write_text(
        SHIPPED.replace("target: soc-m1", "target: soc-m1\n    target: soc-m2"), encoding="utf-8"
    )
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "quizzes/spcm.yml:" in build.output and "重复的键“target”" in build.output
    assert "Traceback" not in build.output


def test_shipped_model_has_indicators_for_all_32_cells_and_scoring():
    model = load_model(ROOT / "quizzes" / "spcm.yml")
    for dimension in model.dimensions:
        for level in model.level_ids:
            assert len(model.indicators_of(dimension, level)) >= 2, (dimension, level)
    assert model.scoring.threshold == 0.6
    assert (model.scoring.knowledge_weight, model.scoring.self_weight) == (0.8, 0.2)
    assert (model.scoring.min_items, model.scoring.knowledge_floor) == (3, 0.5)
    assert len(model.scoring.scale) == 4
    developer = model.role("developer")
    assert (
        developer is not None
        and developer.dimensions
        and len(developer.dimensions) < len(model.dimensions)
    )
    for dimension in developer.dimensions:  # a developer rates developer behaviour, not 巡检/出账
        assert model.statements(dimension, "soc-ops", "developer") != model.indicators_of(
            dimension, "soc-ops"
        )
    assert "V0.9" in SHIPPED  # trainers are told to replace the example indicators


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("threshold: 0.6", "threshold: 60%", "“threshold”必须是 0 到 1 之间的数"),
        ("threshold: 0.6", "threshold: 1.5", "“threshold”必须是 0 到 1 之间的数"),
        ("knowledge: 0.8", "knowledge: 0\n    self: 0", "重复的键“self”"),
        ("  scale: [", "  scale: [很好, ", "scale 要写 4 个等级名称"),
        ("    soc-ops:", "    soc-m9:", "行为指标中的级别“soc-m9”不在 levels 中"),
        ("min_items: 3", "min_items: 0", "“min_items”必须是不小于 1 的整数"),
        ("knowledge_floor: 0.5", "knowledge_floor: 2", "“knowledge_floor”必须是 0 到 1 之间的数"),
        (
            "dimensions: [价值观, 岗位认知",
            "dimensions: [价值, 岗位认知",
            "角色的维度“价值”不在 groups 中",
        ),
        (
            "      价值观:\n        - 把生产",
            "      价值:\n        - 把生产",
            "角色的行为指标中的维度“价值”不在 groups 中",
        ),
    ],
)
def test_scoring_and_indicator_mistakes(tmp_path, old, new, expected):
    assert old in SHIPPED, old
    text = SHIPPED.replace(old, new.replace("\\n", "\n"), 1)
    found = model_problems(tmp_path, text)
    assert any(expected in m for m in found), found
