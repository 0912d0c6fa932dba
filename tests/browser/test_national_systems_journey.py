"""An LDA connects the authority's national system: an account, a token read once, a webhook endpoint; then
revokes the token. Every page is checked by axe at both widths (tests/browser/conftest.py)."""

from django.urls import reverse

from api import services
from api.models import ApiToken, SystemAccount, WebhookDelivery, WebhookEndpoint
from tests.browser.conftest import click_and_check, log_in, nav
from tests.factories import PASSWORD


def test_an_lda_connects_a_national_system_and_revokes_its_token(page, world):
    # The LDA of the Portuguese tourism authority.
    lda = world.pt_handler
    lda.preferred_language = "en"
    lda.save()
    log_in(page, lda.email, PASSWORD)

    nav(page, "My authority")
    click_and_check(page, page.locator("main").get_by_role("link", name="National systems"))
    click_and_check(page, page.get_by_role("link", name="New system account"))
    page.get_by_label("Name").fill("SIGA")
    # ECL draws the box on the label, which is what a person clicks.
    page.get_by_role("group", name="Legislative areas").get_by_text("Professional qualifications").click()
    click_and_check(page, page.get_by_role("button", name="Save"))

    # Straight on to the account's first token.
    page.get_by_role("heading", name="New token for SIGA").wait_for()
    page.get_by_label("Name").fill("production")
    page.get_by_role("group", name="Scope").get_by_text("Read and act on requests").click()
    assert page.get_by_label("Days valid").input_value() == "90"
    click_and_check(page, page.get_by_role("button", name="Issue a token"))
    page.get_by_text("Copy the token now: it will not be shown again.").wait_for()
    token = page.get_by_label("Token production").input_value()
    row = ApiToken.objects.get(account__name="SIGA", name="production")
    assert services.token_for(token) == row
    assert row.scope == ApiToken.Scope.ACT

    click_and_check(page, page.locator("main").get_by_role("link", name="National systems"))
    assert token not in page.content()
    assert "production" in page.locator("main").inner_text()

    click_and_check(page, page.get_by_role("link", name="Register an endpoint"))
    page.get_by_label("Address").fill("https://siga.turismo.example/imi")
    events = page.get_by_role("group", name="Events")
    events.get_by_text("Send", exact=True).click()
    events.get_by_text("Send the reply", exact=True).click()
    click_and_check(page, page.get_by_role("button", name="Save"))
    endpoint = WebhookEndpoint.objects.get(authority=world.pt_authority)
    assert endpoint.event_types == ["request.reply", "request.send"]
    assert page.get_by_label("Signing secret").input_value() == endpoint.secret
    click_and_check(page, page.get_by_role("link", name="Delivery log"))
    page.get_by_text("Nothing recorded yet.").wait_for()

    click_and_check(page, page.get_by_role("link", name="https://siga.turismo.example/imi"))
    click_and_check(page, page.locator("main").get_by_role("link", name="National systems"))
    click_and_check(page, page.get_by_role("link", name="Revoke — production"))
    page.get_by_role("heading", name="Revoke the token production?").wait_for()
    row.refresh_from_db()
    assert row.revoked_at is None
    click_and_check(page, page.get_by_role("button", name="Revoke"))
    page.get_by_text("The token production has been revoked.").wait_for()
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert services.token_for(token) is None
    assert not SystemAccount.objects.get(name="SIGA").is_revoked


def test_the_other_pages_of_the_national_systems_are_accessible(page, world):
    """The pages the journey above does not reach: a delivery log with rows, editing and deleting an endpoint,
    revoking an account."""
    lda = world.pt_handler
    lda.preferred_language = "en"
    lda.save()
    account = services.system_account_create(
        actor=lda, authority=world.pt_authority, name="SIGA", areas=world.pt_authority.legislative_areas.all()
    )
    services.token_issue(actor=lda, account=account, name="production", scope="read", days=30)
    endpoint = services.webhook_endpoint_save(
        actor=lda, authority=world.pt_authority, url="https://siga.turismo.example/imi", event_types=["request.send"]
    )
    for state, status, error in (("failed", 503, "Service Unavailable"), ("delivered", 200, "")):
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            message_id=f"msg_{state}",
            event_type="request.send",
            payload={},
            state=state,
            attempts=3,
            last_status=status,
            last_error=error,
        )
    log_in(page, lda.email, PASSWORD)
    page.goto(reverse("systems:systems"))
    page.goto(reverse("systems:endpoint_edit", args=[endpoint.pk]))
    page.goto(reverse("systems:endpoint_delete", args=[endpoint.pk]))
    page.goto(reverse("systems:account_revoke", args=[account.pk]))
    page.goto(reverse("systems:deliveries", args=[endpoint.pk]))
    failed = page.get_by_role("row").filter(has_text="Service Unavailable")
    click_and_check(page, failed.get_by_role("button", name="Send again"))
    page.get_by_text("The event will be sent again.").wait_for()
    assert WebhookDelivery.objects.get(message_id="msg_failed").state == WebhookDelivery.State.PENDING


def test_a_coordinator_connects_a_national_system_in_the_admin(page, world):
    """For an authority of the coordinator's scope: the account, then its first token, read once."""
    from tests.browser.conftest import log_in_with_code

    coordinator = world.pt_coordinator
    log_in_with_code(page, coordinator)
    page.goto(reverse("admin:api_systemaccount_add"))
    page.get_by_label("Authority").select_option(label=str(world.pt_authority))
    page.get_by_label("Name").fill("SIGA")
    page.get_by_text("Professional qualifications").click()
    click_and_check(page, page.get_by_role("button", name="Save", exact=True))
    account = SystemAccount.objects.get(name="SIGA")
    assert account.authority == world.pt_authority and account.created_by == coordinator

    # Straight on to the first token.
    page.get_by_label("Name").fill("production")
    page.get_by_role("group", name="Scope").get_by_text("Read requests", exact=True).click()
    click_and_check(page, page.get_by_role("button", name="Issue a token"))
    token = page.get_by_label("Token production").input_value()
    assert services.token_for(token).account == account
    click_and_check(page, page.locator("#content-main").get_by_role("link", name="SIGA"))
    assert token not in page.content()
