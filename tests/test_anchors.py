from cnd_archive.model import anchors


def test_ids_follow_the_akn_pattern() -> None:
    paragraph = anchors.paragraph_id(23)
    assert paragraph == "para_23"
    assert anchors.subparagraph_id(paragraph, "b") == "para_23__subpara_b"
    assert anchors.item_id("para_57", 4) == "para_57__item_4"
    assert anchors.section_id(anchors.chapter_id("X"), "A") == "chp_X__sec_A"
    assert anchors.issue_id("chp_IV", 2) == "chp_IV__issue_2"
    assert anchors.annex_id(None) == "annex" and anchors.annex_id("II") == "annex_II"
    assert all(anchors.ID_RE.match(i) for i in ("para_23__subpara_b", "chp_X__sec_A", "annex"))
