"""The checks every browser test makes on every page it lands on, shown to fail where they should."""

import pytest

from tests.browser.conftest import AccessiblePage, english_leftovers

WIDE_TABLE = """<!DOCTYPE html><html lang="en"><body><main><div style="width: 300px; overflow-x: auto">
<table><tr><td>{}</td><td>beside</td></tr></table></div></main></body></html>"""


@pytest.fixture
def page(browser, viewport):
    """A page without the live server: the test writes its content."""
    context = browser.new_context(viewport=viewport)
    yield AccessiblePage(context.new_page(), base_url="")
    context.close()


def test_a_page_wider_than_the_screen_fails(page):
    page.set_content('<!DOCTYPE html><html lang="en"><body><div style="width: 2000px">wide</div></body></html>')
    with pytest.raises(AssertionError, match="scrolls sideways"):
        page.check_layout()


def test_a_table_cell_beyond_the_box_of_its_table_fails_on_a_desktop(page):
    page.set_content(WIDE_TABLE.format("a" * 200))
    if page.is_narrow:
        page.check_layout()  # on a phone ECL stacks the cells: only the page's own width counts
    else:
        with pytest.raises(AssertionError, match="table cells cut off"):
            page.check_layout()
    page.set_content(WIDE_TABLE.format("short words wrap"))
    page.check_layout()


def test_english_texts_of_the_portal_are_found_outside_what_is_marked_as_english(page):
    page.set_content(
        '<!DOCTYPE html><html lang="da"><body><main><h1>Mine opgaver</h1>'
        "<button>Save and continue</button> <p>Overdue · Lukket</p>"
        # A word Danish writes too, whatever its case, is no English left: "December 2026" heads a month.
        "<p>December 2026</p>"
        '<p lang="en">Closed: written in English by its author</p><p hidden>Awaiting acceptance</p>'
        "<p>handler@closed.test</p></main></body></html>"
    )
    assert english_leftovers(page, "da") == ["Overdue", "Save and continue"]
