"""A register named in one language only is read in that language by everybody, marked as such."""

from registers.models import Register
from registers.services import register_search_refresh
from tests.browser.conftest import click_and_check, in_language, log_in, nav
from tests.factories import PASSWORD, UserFactory, area, country

NAME_RO = "Registrul ghizilor de turism"


def in_danish(text):
    return in_language("da", text)


def test_a_danish_reader_sees_a_romanian_only_register_name_in_romanian_marked_as_romanian(page, world):
    # The Romanian labour inspectorate named its register in Romanian only.
    register = Register.objects.create(
        name_ro=NAME_RO,
        country=country("RO"),
        authority=world.ro_authority,
        url="https://ghizi.example/",
    )
    register.legislative_areas.set([area("posting-of-workers")])
    register_search_refresh(registers=Register.objects.filter(pk=register.pk))
    # A Danish handler, reading the portal in Danish.
    dane = UserFactory(
        email="handler@dk.test",
        full_name="Anne Jensen",
        preferred_language="da",
        roles=[("posting-of-workers", "handler")],
    )
    log_in(page, dane.email, PASSWORD)
    nav(page, in_danish("Registers"))
    link = page.locator("main table").get_by_role("link", name=NAME_RO)
    assert link.locator("[lang=ro]").inner_text() == NAME_RO
    assert "rumænsk" in link.inner_text()  # the language it is written in, named in Danish

    click_and_check(page, link)
    heading = page.get_by_role("heading", level=1)
    assert heading.locator("[lang=ro]").inner_text() == NAME_RO
    assert "rumænsk" in heading.inner_text()
    assert NAME_RO in page.title()
    page.locator("main").get_by_text(in_danish("Country"), exact=True).first.wait_for()
