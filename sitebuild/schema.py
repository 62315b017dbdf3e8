"""The data files' schemas: one pydantic model per file under data/.

Text fields are plain text (escaped by the templates); unknown keys and type coercion are errors.
sitebuild.data loads a file and turns a validation error into a line an editor can act on.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

# Characters that reorder or hide text make data lie about itself: every format character (Unicode category
# Cf: bidi marks and overrides, zero-width space and joiners, word joiner, byte-order mark, soft hyphen, tag
# characters), every control character but newline and tab (NEL included), and the line and paragraph separators.
_SEPARATORS = "\u2028\u2029"
# Control characters have no Unicode name; the ones an editor might meet, by their usual names.
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_PAGE = r"^[a-z0-9/_-]+\.md(?:#[a-z0-9_-]+)?$"
HTTPS = r"^https://[A-Za-z0-9.-]+(?:/[^\s\"'<>]*)?$"
_PHONE = r"^\+?[0-9]+(?:[ -][0-9]+)*$"
_MONTH = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
_KEYWORD = r"^[A-Za-z0-9]+$"
SCOPE = r"^/(?:[A-Za-z0-9._~-]+/)*$"
_COUNTRY = r"^[A-Z]{2}$"
# What each pattern asks for, in words an editor can act on.
EXPECTED = {
    _SLUG: "an id of lowercase letters, digits and single hyphens, such as 'living-room'",
    _PAGE: "a docs page such as 'get-help.md' or 'get-help.md#anchor' (no web addresses)",
    HTTPS: "a web address starting with https://",
    _PHONE: "a number of digits with single spaces or hyphens, such as '0800 123 456' or '+44 800 123 456'",
    _MONTH: "the month it was checked, such as '2026-11'",
    _KEYWORD: "one word of letters and digits, such as 'SHOUT'",
    SCOPE: "a path such as '/' or '/guide/'",
    _COUNTRY: "a two-letter country code in capitals, such as 'GB' or 'AU'",
}

# Markup in data: a tag's start or end, or an HTML entity. A lone "&" is plain text (escaped when shown).
MARKUP = re.compile(r"<[/!?]?[A-Za-z0-9-]*|>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def hidden_character(text: str) -> str | None:
    """The first character of `text` that does not show or that reorders text, if any."""
    for char in text:
        if char in "\n\t":
            continue
        if char in _SEPARATORS or unicodedata.category(char) in ("Cf", "Cc"):
            return char
    return None


def describe_character(char: str) -> str:
    """A character as an editor can look it up: 'U+200B (ZERO WIDTH SPACE)'."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


def no_hidden(value):
    """Refuse text holding a hidden character, naming its code point (before any pattern is checked)."""
    found = hidden_character(value) if isinstance(value, str) else None
    if found:
        raise ValueError(f"contains the hidden character {describe_character(found)}; expected plain text")
    return value


def visible(text: str) -> str:
    """Reject hidden characters and markup; normalise to NFC."""
    no_hidden(text)
    markup = MARKUP.search(text)
    if markup:
        raise ValueError(f"contains markup '{markup.group()}'; expected plain text")
    return unicodedata.normalize("NFC", text)


Text = Annotated[str, Field(strict=True, min_length=1), AfterValidator(visible)]
Slug = Annotated[str, Field(strict=True, pattern=_SLUG)]
HttpsUrl = Annotated[str, BeforeValidator(no_hidden), Field(strict=True, pattern=HTTPS)]


class Model(BaseModel):
    """Every data model: unknown keys and type coercion are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Link(Model):
    page: Annotated[str, Field(strict=True, pattern=_PAGE)]
    text: Text


class Point(Model):
    x: int
    y: int


class Plan(Model):
    x: int
    y: int
    width: Annotated[int, Field(gt=0)]
    height: Annotated[int, Field(gt=0)]
    label: Point | None = None  # where the room's name goes, when not at its centre


class Room(Model):
    id: Slug
    name: Text
    who: Text
    note: Text
    plan: Plan


def _unique(items: list, what: str) -> list:
    """Fail when two items share an id, pointing at the second one."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise PydanticCustomError(
                "duplicate_id",
                "duplicate {what} id '{id}' (item [{first}] has it too)",
                {"what": what, "id": item.id, "index": index, "first": seen[item.id]},
            )
        seen[item.id] = index
    return items


class House(Model):
    title: Text
    intro: Text
    rooms: Annotated[list[Room], Field(min_length=1), AfterValidator(lambda v: _unique(v, "room"))]
    respect: Text


class Action(Model):
    text: Text
    link: Link | None = None


class Checklist(Model):
    title: Text
    intro: Text
    signs: Annotated[list[Text], Field(min_length=1)]
    actions: Annotated[list[Action], Field(min_length=1)]


class Checklists(Model):
    checklists: Annotated[dict[Slug, Checklist], Field(min_length=1)]


class HealthySigns(Model):
    title: Text
    intro: Text
    signs: Annotated[list[Text], Field(min_length=1)]


class Step(Model):
    title: Text
    text: Text


class Repair(Model):
    title: Text
    intro: Text
    steps: Annotated[list[Step], Field(min_length=1)]
    closing: Text


class StretchStep(Step):
    # What the step's drawing shows (overrides/callouts/stretch-figure.html), matched to what its text says.
    pose: Literal["deeper", "team", "watching", "easing-off"]


class Stretching(Model):
    title: Text
    intro: Text
    steps: Annotated[list[StretchStep], Field(min_length=1)]
    lesson: Text
    reminder: Text


class Way(Model):
    id: Slug
    title: Text
    text: Text
    example: Text


class Ways(Model):
    title: Text
    intro: Text
    ways: Annotated[list[Way], Field(min_length=1), AfterValidator(lambda v: _unique(v, "way"))]


class ReflectSet(Model):
    questions: Annotated[list[Text], Field(min_length=1)]
    discuss: Annotated[list[Text], Field(min_length=1)]


class Reflect(Model):
    sets: Annotated[dict[Slug, ReflectSet], Field(min_length=1)]


class ContentNote(Model):
    covers: Text
    support: Text


class ContentNotes(Model):
    notes: Annotated[dict[Slug, ContentNote], Field(min_length=1)]


class HelpCallout(Model):
    title: Text
    text: Text


class Figure(Model):
    title: Text
    description: Text
    caption: Text
    labels: dict[Slug, Text] = {}  # words drawn inside the figure, by the name its template uses


class Figures(Model):
    figures: Annotated[dict[Slug, Figure], Field(min_length=1)]


# Help: organisations grouped by region, each region checked as a whole ("checked November 2026").
Phone = Annotated[str, Field(strict=True, pattern=_PHONE)]


class TextMessage(Model):
    number: Phone
    keyword: Annotated[str, Field(strict=True, pattern=_KEYWORD)] | None = None

    @property
    def href(self) -> str:
        """An sms: link, with the keyword as the message when there is one."""
        return f"sms:{_digits(self.number)}" + (f"?body={self.keyword}" if self.keyword else "")


# What an organisation is for: the printed help box and the reporting routes are chosen by these.
Topic = Literal[
    "youth", "crisis", "relationship-abuse", "sexual-violence", "reporting", "lgbt", "men", "directory", "information"
]


# A language a service answers in ("en", "es"): named in each strings file (languages.names), which the
# build checks, so a new language is data, not code.
LanguageCode = Annotated[str, Field(strict=True, pattern=r"^[a-z]{2,3}$")]


class Organisation(Model):
    id: Slug
    name: Text
    languages: Annotated[list[LanguageCode], Field(min_length=1)]  # the languages it answers in: [en], [en, es]
    offers: Text
    url: HttpsUrl
    phone: Phone | None = None
    sms: TextMessage | None = None
    topics: list[Topic] = []
    box: Text | None = None  # the printed help box's few words (the help page shows `offers`)

    @property
    def tel(self) -> str | None:
        """A tel: link for the phone number."""
        return f"tel:{_digits(self.phone)}" if self.phone else None


class Region(Model):
    id: Slug
    name: Text
    checked: Annotated[str, Field(strict=True, pattern=_MONTH)]
    country: Annotated[str, Field(strict=True, pattern=_COUNTRY)] | None = None
    emergency: list[Phone] = []
    organisations: Annotated[list[Organisation], Field(min_length=1)]


def _digits(number: str) -> str:
    """A number as a link dials it: digits and a leading +."""
    return re.sub(r"[ -]", "", number)


def _unique_organisations(regions: list) -> list:
    """Organisation ids are unique across regions (printed help boxes cite them by id)."""
    seen: dict[str, tuple[int, int]] = {}
    for r, region in enumerate(regions):
        for o, org in enumerate(region.organisations):
            if org.id in seen:
                raise PydanticCustomError(
                    "duplicate_org",
                    "duplicate organisation id '{id}' (regions[{r0}].organisations[{o0}] has it too)",
                    {"id": org.id, "region": r, "index": o, "r0": seen[org.id][0], "o0": seen[org.id][1]},
                )
            seen[org.id] = (r, o)
    return regions


class Help(Model):
    callout: HelpCallout
    regions: Annotated[
        list[Region],
        Field(min_length=1),
        AfterValidator(lambda v: _unique(v, "region")),
        AfterValidator(_unique_organisations),
    ]


# --- Educators' kit: help box, session plans, scenario cards, safeguarding, parent letter ----------

Page = Annotated[str, Field(strict=True, pattern=_PAGE)]


class HelpBox(Model):
    title: Text
    text: Text
    emergency: Text  # before the home region's emergency numbers: "In danger now? Call"
    help_page: Page
    help_page_text: Text
    local: Text


class Activity(Model):
    title: Text
    minutes: Annotated[int, Field(gt=0)]
    notes: Annotated[list[Text], Field(min_length=1)]


class Printout(Model):
    sheet: Slug  # a PDF name from the front matter of docs/handouts/ or docs/educators/
    copies: Text  # how many to print, in words a teacher can act on: "1 per student"


class Session(Model):
    minutes: Annotated[int, Field(gt=0)]
    slack: Annotated[int, Field(ge=0)]  # minutes left free for what runs over
    group: Text
    outcomes: Annotated[list[Text], Field(min_length=1)]
    materials: Annotated[list[Text], Field(min_length=1)]
    handouts: Annotated[list[Printout], Field(min_length=1)]  # in print order: the lesson pack follows it
    before: Text
    start_check: Text
    activities: Annotated[list[Activity], Field(min_length=1)]
    end_check: Text
    if_short: Text
    support: Text
    extension: Text
    handling: Annotated[list[Step], Field(min_length=1)]
    scope: Text
    close: Text

    @model_validator(mode="after")
    def _timings_add_up(self) -> Session:
        """The activities and the slack fill the session exactly."""
        total = sum(activity.minutes for activity in self.activities) + self.slack
        if total != self.minutes:
            raise ValueError(
                f"the activities' minutes and the slack add up to {total}; expected {self.minutes} (minutes)"
            )
        return self


class Sessions(Model):
    sessions: Annotated[dict[Slug, Session], Field(min_length=1)]


class Scenario(Model):
    id: Slug
    title: Text
    idea: Text
    page: Page
    story: Text
    questions: Annotated[list[Text], Field(min_length=1)]
    listen_for: Annotated[list[Text], Field(min_length=1)]
    tell_them: list[Text] = []  # facts the leader must add, such as the law
    report: list[Slug] = []  # organisation ids of data/help.yml: where to report or get support


class Scenarios(Model):
    scenarios: Annotated[list[Scenario], Field(min_length=8), AfterValidator(lambda v: _unique(v, "scenario"))]


class GroundRule(Model):
    title: Text
    text: Text


class GroundRules(Model):
    intro: Text
    rules: Annotated[list[GroundRule], Field(min_length=1)]
    place: Text | None = None  # the poster's line to write where a student can go if they step out


class Disclosure(Model):
    intro: Text
    steps: Annotated[list[Step], Field(min_length=1)]


class Note(Model):
    title: Text
    text: Text


class Routine(Model):
    title: Text
    steps: Annotated[list[Text], Field(min_length=1)]


class Routes(Model):
    title: Text
    notes: Annotated[list[Note], Field(min_length=1)]


class Contacts(Model):
    title: Text
    intro: Text
    roles: Annotated[list[Text], Field(min_length=1)]


class Safeguarding(Model):
    ground_rules: GroundRules
    disclosure: Disclosure
    routes: Routes
    contacts: Contacts
    before: Routine
    leaving: Note
    distancing: Note
    question_box: Routine
    tick_sheets: Note


class LetterSection(Model):
    title: Text
    points: Annotated[list[Text], Field(min_length=1)]


class ParentLetter(Model):
    fields: Annotated[list[Text], Field(min_length=1)]  # blanks the school fills in at the top
    greeting: Text
    intro: Text
    sections: Annotated[list[LetterSection], Field(min_length=1)]
    policy: Text
    policy_line: Text
    closing: Text
    contact: Annotated[list[Text], Field(min_length=1)]  # blanks for the school's contact
    sign_off: Text
    signature: list[Text] = []  # blanks under the sign-off: who sends the letter


EDUCATOR_SCHEMAS: dict[str, type[Model]] = {
    "help_box.yml": HelpBox,
    "sessions.yml": Sessions,
    "scenarios.yml": Scenarios,
    "safeguarding.yml": Safeguarding,
    "parent_letter.yml": ParentLetter,
}


# --- The interface's words: data/strings.yml, one file per language (es/data/strings.yml), the same keys. ---


def _says(*names: str):
    """Text that keeps each of its {placeholders}, which the build fills in."""

    def check(value: str) -> str:
        missing = [f"{{{name}}}" for name in names if f"{{{name}}}" not in value]
        if missing:
            raise ValueError(f"expected text holding {' and '.join(missing)} (the build puts it in), got {value!r}")
        return value

    return AfterValidator(check)


def Says(*names: str):  # noqa: N802 - a type, named like one
    """A text field whose value must hold each {name} of `names`."""
    return Annotated[str, Field(strict=True, min_length=1), AfterValidator(visible), _says(*names)]


Words = Annotated[list[Text], Field(min_length=1)]


class ExitStrings(Model):
    bar: Text  # the exit bar's name for screen readers
    exit: Text  # "Exit": the control's short form, shown on narrow screens
    exit_rest: Text  # "this page": added after "Exit" where there is room
    help: Text
    help_short: Text
    exiting: Text  # announced as Shift x3 leaves
    pressed: Says("count", "total")
    loading: Text  # the tab's neutral title while the exit page loads


class HeaderStrings(Model):
    menu: Text
    languages: Text  # the name of the header's link to the page in another language
    permalink: Says("heading")
    in_page: Says("heading", "page")


class SearchStrings(Model):
    results: Text
    suggest: Text
    words: Annotated[list[Text], Field(min_length=2)]  # words to try when nothing matches
    or_word: Text
    talk: Text
    help_link: Text
    help_rest: Text


class NotFoundStrings(Model):
    title: Text
    text: Text
    home: Text
    help: Text
    leaving: Text


class CreditStrings(Model):
    adapted_from: Text
    published_by: Text
    through: Text
    changes: Text
    text: Text
    print: Says("publisher", "licence")
    site: Text


class HandoutStrings(Model):
    pack: Text
    this_plan: Text
    download: Text
    a4: Text
    letter: Text
    prefix: Text  # taken off a handout's title where it is listed ("Handout: ")
    see: Says("title")
    contents: Text
    this_box: Text
    again: Says("chapter")
    page: Text
    pack_title: Says("minutes")
    pack_subject: Says("minutes")


class CalloutStrings(Model):
    summary: Text  # the label a guide page's first paragraph opens with, in bold: "In short"
    checklist: Text
    actions: Text
    content_note: Text
    help_link: Text
    leaving_link: Text
    reflect: Text
    regions: Text
    jump: Text
    call: Says("number")
    text: Says("number")
    text_keyword: Says("keyword", "number")
    and_text: Says("number")
    and_text_keyword: Says("keyword", "number")
    checked: Says("months")
    region_checked: Says("month")
    more_in: Says("region")
    answers_in: Says("languages")
    house_title: Says("title")
    house_chosen: Says("room")
    house_drawing: Text
    house_worksheet: Text
    house_more: Text
    whole_idea: Text
    for_example: Text
    stretch_step: Says("step", "drawing")
    stretch_deeper: Text
    stretch_team: Text
    stretch_watching: Text
    stretch_easing: Text
    stretch_other: Text


class KitStrings(Model):
    packs_lead: Text
    packs_text: Text
    up_to: Says("pages")
    caption: Text
    sheet: Text
    pages: Text
    pdf: Text
    minutes: Says("minutes")
    outcomes: Text
    by_the_end: Text
    before: Text
    print: Text
    pdf_label: Text
    materials: Text
    plan: Text
    min: Says("minutes")
    start_check: Text
    end_check: Text
    short: Text
    timing: Says("used", "minutes", "slack")
    support_extension: Text
    support: Text
    extension: Text
    handling: Text
    scope: Text
    close: Text
    idea: Text
    talk_about: Text
    card_help: Text
    listen_for: Text
    cut: Text
    tell_them: Text
    report: Text
    disclosure: Text
    letter_at: Text


class LanguageNames(Model):
    """Each language a help service may answer in, named in this file's language; `and_word` joins them."""

    names: Annotated[dict[LanguageCode, Text], Field(min_length=1)]
    and_word: Text


# A key of the theme's translations: "search.result.none", "toc".
ThemeKey = Annotated[str, StringConstraints(pattern=r"^[a-z]+(\.[a-z]+)*$")]


class Strings(Model):
    exit: ExitStrings
    header: HeaderStrings
    search: SearchStrings
    not_found: NotFoundStrings
    credit: CreditStrings
    handout: HandoutStrings
    callouts: CalloutStrings
    kit: KitStrings
    languages: LanguageNames
    months: Annotated[list[Text], Field(min_length=12, max_length=12)]  # January to December
    # The theme's own words this language says otherwise (its search messages, say), by the theme's key
    # (Material's partials/languages/en.html); {} keeps the theme's translation for theme.language.
    theme: dict[ThemeKey, Text]
    month_year: Says("month", "year")  # a month checked: "November 2026"


# Data file -> schema. A macro's family is found here, and every file is validated at start-up.
SCHEMAS: dict[str, type[Model]] = {
    "strings.yml": Strings,
    "house.yml": House,
    "checklists.yml": Checklists,
    "healthy_signs.yml": HealthySigns,
    "repair.yml": Repair,
    "stretching.yml": Stretching,
    "ways.yml": Ways,
    "reflect.yml": Reflect,
    "content_notes.yml": ContentNotes,
    "help.yml": Help,
    "figures.yml": Figures,
    **EDUCATOR_SCHEMAS,
}
