"""The archive of the reports of the Meetings of Heads of National Drug Law Enforcement Agencies.

A plain Python core (report model, importer, identifiers, generated pages) with a thin
MkDocs adapter in ``cnd_archive.mkdocs_plugin``; nothing outside that module imports MkDocs.
"""
