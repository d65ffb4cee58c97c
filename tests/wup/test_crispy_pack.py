"""The `nlds` crispy-forms template pack: NL Design System markup that screen readers can follow.

The form is rendered bound to bad data, the way a resident sees it after a failed submit, and the
markup is read back with a small parser rather than matched as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    content: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """Return the text of this element and everything inside it, whitespace collapsed."""
        parts = [part if isinstance(part, str) else part.text() for part in self.content]
        return " ".join(" ".join(parts).split())

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        self.current.content.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        self.current.content.append(node)

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.content.append(data)


class Page:
    def __init__(self, html: str):
        self.html = html
        builder = TreeBuilder()
        builder.feed(html)
        self.root = builder.root

    def all(self, tag: str | None = None, **attrs) -> list[Node]:
        return [
            node
            for node in self.root.iter()
            if (tag is None or node.tag == tag)
            and all(node.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str | None = None, **attrs) -> Node:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, id_: str) -> Node:
        return self.one(id=id_)

    def label_for(self, id_: str) -> Node:
        return self.one("label", **{"for": id_})

    def described_by(self, node: Node) -> list[Node]:
        return [self.by_id(ref) for ref in (node.attrs.get("aria-describedby") or "").split()]


class ResidentForm(forms.Form):
    name = forms.CharField(label="Naam", min_length=3, help_text="Uw voornaam is genoeg.")
    email = forms.EmailField(label="E-mailadres", required=False)
    group = forms.ChoiceField(
        label="U bent",
        choices=[("", "Kies"), ("owner", "Eigenaar"), ("tenant", "Huurder")],
        help_text="Dit helpt ons de uitkomst per groep te tonen.",
    )
    consent = forms.BooleanField(label="Ik ga akkoord met de voorwaarden")
    topics = forms.MultipleChoiceField(
        label="Waar wilt u over meepraten?",
        choices=[("costs", "Kosten"), ("planning", "Planning"), ("noise", "Geluid")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies er minstens één.",
    )
    attachment = forms.FileField(label="Bijlage", help_text="Een foto of PDF.")

    def clean(self):
        raise ValidationError("Deze sessie is al gesloten.")


BAD_DATA = {
    "name": "Jo",
    "email": 'geen-mail"><b>',
    "group": "tenant",
    "topics": ["costs", "unknown"],
}

CONTROLS = ["id_name", "id_email", "id_consent", "id_attachment"]


def render_filter(form: forms.Form) -> Page:
    template = Template('{% load crispy_forms_tags %}<form method="post">{{ form|crispy }}</form>')
    return Page(template.render(Context({"form": form})))


def render_tag(form: forms.Form) -> Page:
    return Page(
        Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    )


@pytest.fixture(autouse=True)
def _dutch():
    """Render in Dutch, the default language, whatever an earlier test switched to."""
    with translation.override("nl"):
        yield


@pytest.fixture
def shown() -> Page:
    """Return the form as a resident sees it after submitting bad data."""
    form = ResidentForm(data=BAD_DATA, files={})
    assert not form.is_valid()
    return render_filter(form)


def test_every_hint_and_error_is_in_its_fields_aria_describedby(shown):
    name = shown.by_id("id_name")
    assert [n.attrs["id"] for n in shown.described_by(name)] == [
        "id_name_helptext",
        "id_name_error",
    ]
    assert shown.by_id("id_name_helptext").text() == "Uw voornaam is genoeg."
    assert "utrecht-form-field-description" in shown.by_id("id_name_helptext").classes()
    name_error = shown.by_id("id_name_error")
    assert "utrecht-form-field-error-message" in name_error.classes()
    assert "ten minste 3 tekens" in name_error.text()

    assert [n.attrs["id"] for n in shown.described_by(shown.by_id("id_email"))] == [
        "id_email_error"
    ]
    consent_refs = [n.attrs["id"] for n in shown.described_by(shown.by_id("id_consent"))]
    assert consent_refs == ["id_consent_error"]
    attachment_refs = [n.attrs["id"] for n in shown.described_by(shown.by_id("id_attachment"))]
    assert attachment_refs == ["id_attachment_helptext", "id_attachment_error"]
    # A valid field with a hint points at the hint only.
    assert [n.attrs["id"] for n in shown.described_by(shown.by_id("id_group"))] == [
        "id_group_helptext"
    ]


def test_every_aria_reference_points_at_an_element_on_the_page(shown):
    ids = {n.attrs["id"] for n in shown.all() if n.attrs.get("id")}
    for node in shown.all():
        for attribute in ("aria-describedby", "aria-labelledby"):
            for ref in (node.attrs.get(attribute) or "").split():
                assert ref in ids, f"{attribute}={ref!r} on <{node.tag}> points nowhere"


def test_invalid_fields_are_marked_aria_invalid_and_valid_ones_are_not(shown):
    for id_ in CONTROLS:
        assert shown.by_id(id_).attrs.get("aria-invalid") == "true", id_
    for box in shown.all("input", name="topics"):
        assert box.attrs.get("aria-invalid") == "true"
    assert "aria-invalid" not in shown.by_id("id_group").attrs
    assert "utrecht-textbox--invalid" in shown.by_id("id_name").classes()
    assert "utrecht-form-field--invalid" in shown.by_id("div_id_name").classes()


def test_what_the_user_typed_is_kept_and_escaped(shown):
    assert shown.by_id("id_name").attrs["value"] == "Jo"
    assert shown.by_id("id_email").attrs["value"] == 'geen-mail"><b>'
    assert "<b>" not in shown.html.split('id="id_email"')[0].rsplit("<input", 1)[1]
    selected = [o.attrs["value"] for o in shown.by_id("id_group").iter() if "selected" in o.attrs]
    assert selected == ["tenant"]
    checked = [b.attrs["value"] for b in shown.all("input", name="topics") if "checked" in b.attrs]
    assert checked == ["costs"]


def test_every_label_is_tied_to_its_control(shown):
    for id_ in ["id_name", "id_email", "id_group", "id_consent", "id_attachment"]:
        label = shown.label_for(id_)
        assert "utrecht-form-label" in label.classes()
    box_labels = [shown.label_for(b.attrs["id"]).text() for b in shown.all("input", name="topics")]
    assert box_labels == ["Kosten", "Planning", "Geluid"]
    visible = [
        n
        for n in shown.all()
        if n.tag in {"input", "select", "textarea"} and n.attrs.get("type") != "hidden"
    ]
    assert len(visible) == 8
    for control in visible:
        assert shown.all("label", **{"for": control.attrs["id"]}), control.attrs["id"]


def test_nl_design_system_classes_on_each_kind_of_control(shown):
    assert {"utrecht-textbox", "utrecht-textbox--html-input"} <= shown.by_id("id_name").classes()
    assert {"utrecht-textbox", "utrecht-textbox--html-input"} <= shown.by_id("id_email").classes()
    assert {"utrecht-select", "utrecht-select--html-select"} <= shown.by_id("id_group").classes()
    assert {"utrecht-checkbox", "utrecht-checkbox--html-input"} <= shown.by_id(
        "id_consent"
    ).classes()
    assert shown.by_id("id_attachment").attrs["type"] == "file"
    assert "utrecht-form-field" in shown.by_id("div_id_name").classes()


def test_checkbox_group_is_a_fieldset_with_a_legend_that_owns_hint_and_error(shown):
    fieldset = shown.by_id("div_id_topics")
    assert fieldset.tag == "fieldset"
    legends = [c for c in fieldset.children if c.tag == "legend"]
    assert len(legends) == 1
    assert legends[0].text().startswith("Waar wilt u over meepraten?")
    refs = [n.attrs["id"] for n in shown.described_by(fieldset)]
    assert refs == ["id_topics_helptext", "id_topics_error"]
    boxes = shown.all("input", name="topics")
    assert [b.attrs["type"] for b in boxes] == ["checkbox"] * 3
    assert all(fieldset in list(b.ancestors()) for b in boxes)


def test_radio_group_is_a_fieldset_with_a_legend():
    class ScoreForm(forms.Form):
        score = forms.ChoiceField(
            label="Hoe eerlijk vindt u dit?",
            choices=[(i, str(i)) for i in range(1, 6)],
            widget=forms.RadioSelect,
        )

    rendered = render_filter(ScoreForm(data={"score": "4"}))
    fieldset = rendered.by_id("div_id_score")
    assert fieldset.tag == "fieldset"
    assert fieldset.children[0].tag == "legend"
    radios = rendered.all("input", name="score")
    assert [r.attrs["type"] for r in radios] == ["radio"] * 5
    assert [r.attrs["value"] for r in radios if "checked" in r.attrs] == ["4"]
    assert all("utrecht-radio-button" in r.classes() for r in radios)


def test_required_fields_are_marked_in_their_label(shown):
    assert "(verplicht)" in shown.label_for("id_name").text()
    assert "(verplicht)" in shown.label_for("id_consent").text()
    assert "(verplicht)" in shown.by_id("div_id_topics").children[0].text()
    assert "(verplicht)" not in shown.label_for("id_email").text()
    assert "required" in shown.by_id("id_name").attrs
    assert "required" not in shown.by_id("id_email").attrs


def test_error_summary_lists_form_errors_and_links_to_each_field(shown):
    summary = shown.one(id="form-error-summary")
    assert {"utrecht-alert", "utrecht-alert--error"} <= summary.classes()
    assert shown.html.index('id="form-error-summary"') < shown.html.index('id="div_id_name"')
    assert "Deze sessie is al gesloten." in summary.text()
    heading = shown.by_id(summary.attrs["aria-labelledby"])
    assert heading.tag == "h2"
    links = [n for n in summary.iter() if n.tag == "a"]
    targets = [link.attrs["href"] for link in links]
    expected = ["#id_name", "#id_email", "#id_consent", "#div_id_topics", "#id_attachment"]
    assert targets == expected
    for href in targets:
        shown.by_id(href[1:])
    assert links[0].text().startswith("Naam:")


def test_a_valid_or_unbound_form_shows_no_error_markup():
    rendered = render_filter(ResidentForm())
    assert not rendered.all(id="form-error-summary")
    assert "aria-invalid" not in rendered.html
    assert "utrecht-form-field-error-message" not in rendered.html
    assert [n.attrs["id"] for n in rendered.described_by(rendered.by_id("id_name"))] == [
        "id_name_helptext"
    ]


def test_no_inline_styles_or_scripts_anywhere(shown):
    helper_form = ResidentForm(data=BAD_DATA, files={})
    helper_form.helper = FormHelper()
    for html in (shown.html, render_tag(helper_form).html):
        assert "style=" not in html
        assert "<style" not in html
        assert "<script" not in html
        handlers = [a for n in Page(html).all() for a in n.attrs if a.startswith("on")]
        assert handlers == []


def test_crispy_tag_with_a_layout_renders_fieldsets_and_nlds_buttons():
    form = ResidentForm(data=BAD_DATA, files={})
    form.helper = FormHelper()
    form.helper.form_action = "/meedoen/"
    form.helper.layout = Layout(
        Fieldset("Over u", "name", "email", "group"),
        Fieldset("Uw keuze", "consent", "topics", "attachment"),
    )
    form.helper.add_input(Submit("send", "Versturen"))
    rendered = render_tag(form)

    form_node = rendered.one("form")
    assert form_node.attrs["action"] == "/meedoen/"
    assert form_node.attrs["method"] == "post"
    assert form_node.attrs["enctype"] == "multipart/form-data"
    assert "novalidate" in form_node.attrs
    legends = [n.text() for n in rendered.all("legend") if "ww-fieldset__legend" in n.classes()]
    assert legends == ["Over u", "Uw keuze"]
    assert rendered.one(id="form-error-summary")
    assert rendered.by_id("id_name").attrs["value"] == "Jo"
    button = rendered.one("button")
    assert button.attrs["type"] == "submit"
    assert {"utrecht-button", "utrecht-button--primary-action"} <= button.classes()
    assert "btn" not in button.classes()
    assert button.text() == "Versturen"
