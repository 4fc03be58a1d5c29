"""From the plain text of a UN report to annotated Markdown."""
