import pytest

from cnd_archive.model.frontmatter import MAX_YAML_DEPTH, MAX_YAML_NODES, split


def test_front_matter_and_body_with_the_body_line() -> None:
    document, problems = split("---\nkind: report\nmeeting: 27\n---\n\nText.\n", "a.md")
    assert problems == [] and document is not None
    assert document.meta == {"kind": "report", "meeting": 27}
    assert document.body == "\nText.\n" and document.body_line == 5
    assert document.line_of("meeting") == 3


def test_a_file_without_front_matter_is_all_body() -> None:
    document, problems = split("# Title\n", "a.md")
    assert document is not None and document.meta == {} and document.body_line == 1


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['echo pwned']",
                                 "!!python/name:os.system", "!!python/object:__main__.X {}"])
def test_object_constructing_yaml_tags_are_refused_with_the_line(tag: str) -> None:
    document, problems = split(f"---\nkind: report\ntitle: {tag}\n---\n", "evil.md")
    assert document is None
    assert str(problems[0]).startswith("evil.md:3:")
    assert "YAML tag not allowed" in str(problems[0])


def test_an_alias_bomb_is_refused_not_expanded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    document, problems = split(f"---\n{bomb}---\n", "bomb.md")
    assert document is None
    assert str(problems[0]).startswith("bomb.md:3:") and "aliases" in str(problems[0])


def test_deep_nesting_is_refused() -> None:
    document, problems = split("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n", "deep.md")
    assert document is None and f"deeper than {MAX_YAML_DEPTH}" in str(problems[0])


def test_too_many_values_are_refused() -> None:
    document, problems = split("---\nx: [" + ", ".join(["1"] * (MAX_YAML_NODES + 1)) + "]\n---\n", "wide.md")
    assert document is None and str(MAX_YAML_NODES) in str(problems[0])


def test_syntax_errors_name_line_and_column() -> None:
    document, problems = split("---\nkind: report\ntitle: [unclosed\n---\n", "bad.md")
    assert document is None and str(problems[0]).startswith("bad.md:")
    assert "invalid YAML" in str(problems[0])


def test_front_matter_that_is_not_a_mapping() -> None:
    document, problems = split("---\n- a\n- b\n---\n", "list.md")
    assert document is None and "not a mapping" in str(problems[0])
