"""The theme's stylesheet keeps every rule the site can need (sitebuild.themecss)."""

from __future__ import annotations

from sitebuild.themecss import FEATURES, classes_in, drop_unread_properties, trim, unreachable_classes, unused_features

CSS = (
    ".md-grid{max-width:61rem}"
    ".highlight .k{color:red}"
    ".md-typeset .highlight,.md-typeset .admonition{margin:1em}"
    ".md-typeset :not(.highlight)>code{padding:0}"
    ".md-typeset :is(.highlight,.tabbed-set){display:block}"
    "@media screen{.highlight pre{margin:0}.md-header{height:2rem}}"
    "@media print{.tabbed-labels{display:none}}"
)


def test_a_rule_goes_only_when_every_selector_requires_an_unused_class():
    kept = trim(CSS, ("highlight", "tabbed-"))
    assert kept == (
        ".md-grid{max-width:61rem}"
        ".md-typeset .highlight,.md-typeset .admonition{margin:1em}"
        ".md-typeset :not(.highlight)>code{padding:0}"
        ".md-typeset :is(.highlight,.tabbed-set){display:block}"
        "@media screen{.md-header{height:2rem}}"
    )


def test_nothing_goes_when_no_feature_is_unused():
    assert trim(CSS, ()) == CSS


def test_a_feature_stays_when_the_config_turns_it_on_or_a_page_uses_its_classes():
    config = {
        "markdown_extensions": ["toc", "pymdownx.tabbed"],
        "theme": {"features": ["navigation.tabs"]},
        "repo_url": "https://example.org/repo",
        "extra": {},
    }
    used = classes_in('<div class="md-typeset"><span class=twemoji>x</span><p class="md-banner x">')
    unused = unused_features(config, used)
    for on in ("content tabs", "navigation tabs", "repository facts", "emoji", "announcement bar"):
        assert on not in unused, on
    assert "code highlighting" in unused and "blog" in unused
    assert set(unused) <= set(FEATURES)


def test_a_class_no_page_carries_and_no_script_names_goes_and_admonition_types_count_only_on_pages():
    css = ".md-typeset .tip>.admonition-title{color:red}.md-consent{top:0}.md-tooltip{left:0}.md-grid{margin:0}"
    used = classes_in('<div class="md-grid md-typeset">')
    scripts = 'e.className="md-tooltip";var tip=1'  # "tip" is only a word here: the admonition stays unused
    unreachable = unreachable_classes(css, used, scripts)
    assert unreachable == {"tip", "admonition-title", "md-consent"}
    assert trim(css, (), unreachable) == ".md-tooltip{left:0}.md-grid{margin:0}"
    assert unreachable_classes(css, used | {"tip", "admonition-title"}, scripts) == {"md-consent"}


def test_a_custom_property_goes_only_when_nothing_reads_it():
    css = (
        ":root{--a:url(a.svg);--b:1px;--c:var(--d);--d:2px;--e:red}.x{width:var(--b)}@media print{:root{--only-here:0}}"
    )
    kept = drop_unread_properties(css, readers="el.style.setProperty('--e', 'blue')")
    # --a and --only-here are read by nothing; --c reads --d, but nothing reads --c, so both go in turn.
    assert kept == ":root{--b:1px;--e:red}.x{width:var(--b)}"
    assert drop_unread_properties(".x{--a:1;color:var(--a)}", readers="") == ".x{--a:1;color:var(--a)}"
