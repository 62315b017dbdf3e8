"""Command-line doors that are not build code: handout PDFs, benchmark, readability, originality, stress,
and the browser and server helpers they share with the tests (sitetools)."""
