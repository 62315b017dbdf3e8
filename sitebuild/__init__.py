"""The build's own code, one module per stage of the flow from data to site:

data/*.yml -> schema (pydantic models) -> data (loading, one-line messages) -> callouts (the macros)
-> overrides/callouts/*.html (templates) -> page (Markdown; seal, glossary) -> hooks/ -> site/.

macros.py at the project root is the entry point mkdocs-macros loads; mkdocs.yml lists the hooks.
paths and frontmatter hold what the build, the tests and the scripts share; recipe checks the pages
themselves. Helpers for tests and scripts only (browser, server) live in scripts/sitetools.py.
"""
