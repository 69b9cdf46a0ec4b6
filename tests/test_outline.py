from govkg.ingest.outline import classify_heading, split_sections

CUES = {"plan": ["工作打算", "下一步", "主要安排"], "problem": ["存在问题", "不足"], "other": ["其他需要报告"],
        "achievement": ["成效"]}


def test_top_level_kinds_and_inheritance():
    text = ("总述。\n一、2023年工作成效\n（一）推进述法。\n（二）其他。\n二、存在问题及原因\n不足。\n"
            "三、2024年工作打算\n（一）深化普法。\n")
    kinds = [(s.kind, s.title) for s in split_sections(text, CUES)]
    assert kinds == [("achievement", "2023年工作成效"), ("achievement", "推进述法"), ("achievement", "其他"),
                     ("problem", "存在问题及原因"), ("plan", "2024年工作打算"), ("plan", "深化普法")]


def test_a_sub_heading_can_turn_to_plans():
    text = "一、工作情况\n(一)成效\n(二)下一步打算\n将推进。\n"
    assert [s.kind for s in split_sections(text, CUES)] == ["achievement", "achievement", "plan"]


def test_classify_defaults():
    assert classify_heading("强化组织领导", CUES) == "achievement"
    assert classify_heading("强化组织领导", CUES, default=None) is None
