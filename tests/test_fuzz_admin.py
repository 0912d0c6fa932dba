"""The admin's forms, lists and CSV import, fuzzed as the coordinators and helpdesk staff who use them.

No answer is a server error; a refused form says why and leaves what is stored as it was.
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from authorities.models import Authority, NationalHelpdesk, User
from registers.models import Register
from requests_app.models import QuestionSet
from tests.factories import country
from tests.test_fuzz import FUZZ, VALUES, snapshot


def baseline(response):
    """The data the admin page would send back unchanged: its main form, its inlines and their management forms."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def helpdesk(world):
    return NationalHelpdesk.objects.get_or_create(country=country("BG"), defaults={"email": "helpdesk@imi.bg.test"})[0]


def register(world):
    return Register.objects.get_or_create(
        name_en="Register of tourist guides",
        defaults={"country": country("PT"), "authority": world.pt_authority, "url": "https://guides.example/"},
    )[0]


# persona, admin model, the object changed (None: the add form), the relations a refused form must leave alone
CHANGE_FORMS = [
    ("pt_coordinator", Authority, lambda world: world.pt_authority, ["competences", "coordinated_areas"]),
    ("pt_coordinator", Authority, None, []),
    ("pt_coordinator", User, lambda world: world.pt_handler, ["roles"]),
    ("pt_coordinator", User, None, []),
    ("bg_helpdesk", User, lambda world: world.bg_handler, ["roles"]),
    ("bg_helpdesk", NationalHelpdesk, helpdesk, []),
    ("superuser", Register, register, ["legislative_areas"]),
    ("superuser", User, lambda world: world.ro_user, ["roles"]),
    ("superuser", QuestionSet, lambda world: QuestionSet.objects.order_by("pk").first(), ["questions"]),
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("persona", "model", "target", "related"), CHANGE_FORMS)
def test_admin_forms_never_cause_a_server_error_nor_half_save(
    client, world, questions, persona, model, target, related
):
    client.force_login(getattr(world, persona))
    obj = target(world) if target else None
    url = admin_url(model, "change", obj.pk) if obj else admin_url(model, "add")
    page = client.get(url)
    assert page.status_code == 200
    unchanged = baseline(page)

    def what_is_stored():
        return snapshot(obj, *related) if obj else model.objects.count()

    @FUZZ
    @given(data=st.data())
    def post_a_fuzzed_form(data):
        # Some fields get a bad value, the others keep theirs: each field's own checks are reached.
        form = dict(unchanged)
        fuzzed = data.draw(st.sets(st.sampled_from(sorted(form)), min_size=1, max_size=4), label="fields")
        for name in fuzzed:
            form[name] = data.draw(st.one_of(VALUES, st.lists(VALUES, max_size=3)), label=name)
        # Each example starts from the same data: what one saves, the next does not see.
        with transaction.atomic():
            before = what_is_stored()
            response = client.post(url, form)
            assert response.status_code in (200, 302, 400)
            if response.status_code != 302:  # refused: nothing was written, and a form says what is wrong
                assert response.status_code == 400 or response.context["errors"]
                assert what_is_stored() == before
            transaction.set_rollback(True)

    post_a_fuzzed_form()


CHANGELISTS = [
    ("pt_coordinator", Authority, ["q", "o", "p", "status__exact", "country__id__exact", "coordinator_type__exact"]),
    ("bg_helpdesk", User, ["q", "o", "p", "is_active__exact", "is_lda__exact", "authority__country__id__exact"]),
    ("pt_coordinator", Register, ["q", "o", "p", "is_retired__exact", "country__id__exact"]),
    ("bg_coordinator", User, ["q", "o", "_to_field", "_popup", "e"]),
]


@pytest.mark.parametrize(("persona", "model", "parameters"), CHANGELISTS)
@FUZZ
@given(data=st.data())
def test_admin_lists_never_cause_a_server_error(client, world, persona, model, parameters, data):
    client.force_login(getattr(world, persona))
    query = {name: data.draw(VALUES, label=name) for name in parameters}
    assert client.get(admin_url(model, "changelist"), query).status_code < 500


@pytest.mark.parametrize("model", [Authority, Register])
@FUZZ
@given(content=st.one_of(st.binary(max_size=4096), st.text(max_size=2000).map(str.encode)), name=VALUES)
def test_csv_imports_never_cause_a_server_error_and_a_preview_writes_nothing(client, world, model, content, name):
    client.force_login(world.pt_coordinator)
    count = model.objects.count()
    url = admin_url(model, "import_csv")
    # A browser sends the file's own name, never a path; "", "." and ".." name no file.
    name = os.path.basename(name)
    name = "file.csv" if name in {"", ".", ".."} else name
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert model.objects.count() == count  # a preview only
    if response.context["result"] is None:  # not read as CSV at all: the form says why
        assert response.context["form"].errors


# What a question set file holds: the keys it uses, and values of any shape, among them texts a database refuses.
TEXTS = st.text(max_size=30) | st.sampled_from(["", "\x00", "x" * 301, "pow-pay", "posting-of-workers", "choice"])
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.dates() | TEXTS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(["code", "name", "kind", "text", "options", "en", "bg", "ro", "da", "lv", "et"]) | TEXTS,
        children,
        max_size=7,
    ),
    max_leaves=40,
)


@FUZZ
@given(data=st.data())
def test_question_set_imports_never_cause_a_server_error_and_a_preview_writes_nothing(client, world, data):
    import yaml
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_question_set_upload import question_set_data, rows

    client.force_login(world.superuser)
    # A valid set with some of its parts replaced by anything.
    valid = question_set_data()
    question_set = {key: data.draw(st.just(value) | YAML_VALUES, label=key) for key, value in valid.items()}
    if isinstance(question_set["questions"], list) and question_set["questions"]:
        question_set["questions"][0] = data.draw(YAML_VALUES, label="question 1")
    content = yaml.safe_dump(question_set, allow_unicode=True).encode("utf-8", "surrogatepass")
    before = rows()
    response = client.post(admin_url(QuestionSet, "import"), {"file": SimpleUploadedFile("set.yaml", content)})
    assert response.status_code == 200
    assert rows() == before  # a preview only
    assert response.context["form"].errors or response.context["problems"] or response.context["preview"]


@FUZZ
@given(data=st.data())
def test_the_admin_autocomplete_never_causes_a_server_error(client, world, data):
    client.force_login(world.pt_coordinator)
    query = {
        "term": data.draw(VALUES, label="term"),
        "app_label": data.draw(st.sampled_from(["authorities", "registers"]) | VALUES, label="app_label"),
        "model_name": data.draw(st.sampled_from(["competence", "register"]) | VALUES, label="model_name"),
        "field_name": data.draw(st.sampled_from(["legislative_area", "authority"]) | VALUES, label="field_name"),
        "page": data.draw(VALUES, label="page"),
    }
    assert client.get(reverse("admin:autocomplete"), query).status_code < 500


ACTIONS = [
    ("pt_coordinator", Authority, ["validate", "suspend", "export_csv"]),
    ("bg_helpdesk", User, ["send_password_reset", "reset_mfa", "deactivate", "reactivate"]),
    ("pt_coordinator", Register, ["export_csv"]),
]


@pytest.mark.parametrize(("persona", "model", "actions"), ACTIONS)
@FUZZ
@given(data=st.data())
def test_admin_actions_never_cause_a_server_error(client, world, persona, model, actions, data):
    client.force_login(getattr(world, persona))
    register(world)
    ids = [str(pk) for pk in model.objects.order_by("pk").values_list("pk", flat=True)]
    form = {
        "action": data.draw(st.sampled_from(actions) | VALUES, label="action"),
        "_selected_action": data.draw(st.lists(st.sampled_from(ids) | VALUES, max_size=4), label="selected"),
        "select_across": data.draw(st.sampled_from(["0", "1"]) | VALUES, label="select_across"),
        "index": data.draw(st.sampled_from(["0"]) | VALUES, label="index"),
    }
    with transaction.atomic():
        assert client.post(admin_url(model, "changelist"), form).status_code < 500
        transaction.set_rollback(True)
