"""The module mkdocs-macros loads (mkdocs.yml: `module_name: macros`).

The callouts live in the sitebuild package, one module per stage of the build:
data/*.yml -> sitebuild.schema -> sitebuild.data -> sitebuild.callouts -> overrides/callouts/*.html
-> page -> sitebuild/hooks/ -> site/.
"""

from sitebuild.callouts import define_env, on_pre_page_macros  # noqa: F401  (the plugin's entry points)
