"""The follow-up sentences: where a meeting's recommendations were, or are to be, reviewed.

They are written once for both kinds of page: a report's notes, which are Markdown among the
report's own lines, and a placeholder's page, which is written as HTML. A ``Writer`` gives the
words and links of the one or the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cnd_archive.layout import Target
from cnd_archive.model.anchors import citation_label
from cnd_archive.model.archive import Meeting
from cnd_archive.model.markdown_text import escape
from cnd_archive.publishing.html_page import HtmlPage, strong, text
from cnd_archive.references.followup import Review

FOLLOWUP_CLASS = "cnd-followup"
NOT_YET_HERE = "report is not yet in the archive"
"""Said of a reviewing meeting known only by a placeholder: it may well have been held already."""


class Writer(Protocol):
    def words(self, value: str) -> str: ...

    def link(self, words: str, target: Target) -> str: ...


@dataclass(frozen=True)
class MarkdownWriter:
    page: str
    """The src_uri of the page the Markdown is on."""

    def words(self, value: str) -> str:
        return escape(value)

    def link(self, words: str, target: Target) -> str:
        return f"[{escape(words)}]({target.markdown_from(self.page)})"


@dataclass(frozen=True)
class HtmlWriter:
    page: HtmlPage

    def words(self, value: str) -> str:
        return text(value)

    def link(self, words: str, target: Target) -> str:
        return self.page.link(text(words), target)


def review_sentence(reviews: list[Review], write: Writer, subject: str | None) -> str:
    """ "implementation of these recommendations was reviewed by ..."; without a subject, the short
    form under one recommendation ("scheduled for review at the Twenty-eighth Meeting")."""
    if subject is None:
        return " and ".join(_short_phrase(r, write) for r in reviews)
    return f"implementation of {write.words(subject)} " + " and ".join(_phrase(r, write) for r in reviews)


def review_note(reviews: list[Review], page: Meeting, subject: str | None) -> str:
    """A styled "Follow-up:" paragraph among a report's Markdown."""
    return f"{{.{FOLLOWUP_CLASS}}}\n**Follow-up:** {review_sentence(reviews, MarkdownWriter(page.src_uri), subject)}."


def review_paragraph(page: HtmlPage, reviews: list[Review], subject: str) -> None:
    """The same "Follow-up:" paragraph on a page written as HTML."""
    page.paragraph(f"{strong('Follow-up:')} {review_sentence(reviews, HtmlWriter(page), subject)}.", FOLLOWUP_CLASS)


def _short_phrase(review: Review, write: Writer) -> str:
    name = review.reviewing.ordinal_name
    if not review.scheduled:
        return write.link(f"reviewed by the {name}", review.agenda_item)
    waiting = f", whose {NOT_YET_HERE}" if review.reviewing.kind == "placeholder" else ""
    return write.link(f"scheduled for review at the {name}", review.agenda_item) + waiting


def _phrase(review: Review, write: Writer) -> str:
    name = review.reviewing.ordinal_name
    if review.scheduled:
        waiting = f"; that meeting's {NOT_YET_HERE}" if review.reviewing.kind == "placeholder" else ""
        return ("is scheduled for review at the "
                + write.link(f"{name} (item {review.agenda_number} of its provisional agenda)", review.agenda_item)
                + waiting)
    phrase = "was reviewed by the " + write.link(f"{name}, agenda item {review.agenda_number}", review.agenda_item)
    if review.discussion:
        links = [write.link(citation_label(t.anchor).removeprefix("para. "), t) for t in review.discussion]
        listed = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        phrase += f" (report, paragraph{'s' if len(links) > 1 else ''} {listed})"
    return phrase
