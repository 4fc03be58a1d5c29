"""The archive of the reports of the Meetings of Heads of National Drug Law Enforcement Agencies.

How data flows, one layer to the next (a module imports only from its own layer or below):

1. ``importing``: the plain text of a UN report becomes annotated Markdown in content/.
2. ``model``: each content file is read once (front matter, one markdown-it-py parse)
   into meetings and reports whose elements carry ids from printed numbers.
3. ``references``: what the text cites (document symbols, meetings, countries) is found
   once per line; agenda item 4 and the provisional agenda give the follow-up chain.
4. ``indexes``: roles, themes, countries and documents are gathered across the archive.
5. ``publishing``: the pages (meeting pages with their links and notes, generated
   indexes), the open data and the permalink record, as plain Markdown and files.
6. ``checking``: the content checker runs 2-5 and prints every problem as file:line.

Below them: ``registry`` (reference data read from data/: bodies, gazetteer, themes,
roles, JSON Schemas), ``layout`` (where each thing lives in the site), ``errors`` and
``timing``. ``mkdocs_plugin`` is the thin adapter; nothing else imports MkDocs.
"""
