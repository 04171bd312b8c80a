"""Item-writing checks: each habit that lets a trainee score without reading is
reported at the question's line with a hint, and a well-written item passes."""

from __future__ import annotations

from academy.core.item_quality import evidence_problems, item_problems
from academy.core.learning_paths import LearningPath, Module, Step
from academy.core.model import load_model
from academy.core.quizzes import Question, Quiz
from support.site import ROOT

MODEL = load_model(ROOT / "quizzes" / "spcm.yml")


def question(
    kind="single",
    *,
    prompt="你值班时发现缴费接口失败率升高，应当先做什么？",
    options=(),
    answer=(0,),
    truth=None,
    qid="q",
    line=10,
) -> Question:
    return Question(
        qid,
        kind,
        "岗位技能",
        "soc-ops",
        1.0,
        prompt,
        tuple(options),
        tuple(answer),
        truth,
        "解析",
        (("soc/norms.md", "", 1),),
        line,
    )


def bank(*questions: Question, source="quizzes/demo.yml", quiz_id="demo") -> Quiz:
    return Quiz(quiz_id, 1, "测验", "", (), False, tuple(questions), source)


def messages(*questions: Question) -> list[str]:
    return [p.format() for p in item_problems([bank(*questions)])]


GOOD = question(
    options=("按预案先恢复业务", "先查清根因再处理", "等客户投诉再升级", "自己改生产数据")
)


def test_a_well_written_item_passes():
    assert messages(GOOD) == []


def test_the_key_clearly_longest_is_reported_with_its_line():
    long_key = question(
        options=("按照应急预案先恢复业务并及时通报影响范围和进展", "重启", "等待", "升级")
    )
    [message] = messages(long_key)
    assert message.startswith("quizzes/demo.yml:10: 正确选项明显比每个错误选项都长")
    assert "提示：" in message


def test_a_bank_where_picking_the_longest_wins_too_often():
    items = [
        question(
            qid=f"q{n}",
            line=10 + n,
            prompt=f"情境 {n}：值班时遇到第 {n} 种情况，应当怎样做？",
            options=("按预案先恢复业务", "先查清根因再做", "等客户来投诉", "自己改数据"),
        )
        for n in range(6)
    ]
    assert any("“选最长的”就能拿到大半分数" in m for m in messages(*items))


def test_multiple_choice_with_one_wrong_option():
    item = question("multiple", options=("留痕", "复核", "审批", "财务报销工具"), answer=(0, 1, 2))
    assert any("多选题只有 1 个错误选项" in m for m in messages(item))


def test_all_of_the_above():
    item = question(options=("先恢复", "先定级", "先通报", "以上都对"), answer=(3,))
    assert any("以上都对" in m for m in messages(item))


def test_ordering_items_that_carry_their_order():
    for items in (
        ("驻守维护（1995–1996）", "专职运维", "运维部"),
        ("先看文档", "再问同事", "最后提工单"),
        ("一线值班", "二线专家", "三线研发"),
    ):
        item = question("ordering", prompt="请排列。", options=items, answer=(0, 1, 2))
        assert any("排序题的选项自带顺序线索" in m for m in messages(item)), items


def test_true_false_with_absolute_words():
    item = question("truefalse", prompt="只要查完不外传，就可以查询客户数据。", truth=False)
    assert any("绝对化的词“只要”" in m for m in messages(item))


def test_a_stem_that_contains_its_answer():
    item = question(
        prompt="按预案先恢复业务是值班时的第一步，值班时第一步应当做什么？", options=GOOD.options
    )
    assert any("题干里原样出现了正确选项" in m for m in messages(item))


def test_fewer_than_three_options():
    item = question(options=("先恢复", "先查因"))
    assert any("只有 2 个选项" in m for m in messages(item))


def test_near_duplicate_stems_across_banks():
    first = bank(GOOD, source="quizzes/a.yml", quiz_id="a")
    again = bank(
        question(
            qid="q2",
            line=30,
            prompt="你值班时发现缴费接口的失败率升高，应当先做什么？",
            options=GOOD.options,
        ),
        source="quizzes/b.yml",
        quiz_id="b",
    )
    found = [p.format() for p in item_problems([first, again])]
    assert found == [found[0]] and found[0].startswith(
        "quizzes/b.yml:30: 题干与 quizzes/a.yml 的题目“q”几乎相同"
    )


def test_a_path_whose_quizzes_cannot_decide_its_target():
    path = LearningPath(
        "operator",
        "运营专员学习路径",
        "paths/operator.md",
        (Module("m", "一", (Step("quiz:demo", "quiz", "demo", "", "测验", 5, True, 3),)),),
    )
    [problem] = evidence_problems(
        MODEL, [path], {"demo": bank(GOOD)}, {"paths/operator.md": "content/paths/operator.md"}
    )
    assert problem.path == "content/paths/operator.md" and "不足以判定其目标级别" in problem.message
    assert "岗位技能 × SOC-运营岗位（1 道）" in problem.message
