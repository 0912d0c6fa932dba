"""System accounts and their tokens for the API tests: a national system of an authority, as its LDA makes it."""

from rest_framework.test import APIClient

from api import services
from api.models import ApiToken
from authorities.models import LegislativeArea


def system_token(lda, *, scope=ApiToken.Scope.ACT, areas=None, name="National system", days=30):
    """A system account of the LDA's authority handling ``areas`` (codes; all its areas by default), and a token."""
    authority = lda.authority
    chosen = services.areas_for_systems(authority)
    if areas is not None:
        chosen = LegislativeArea.objects.filter(code__in=areas)
    account = services.system_account_create(actor=lda, authority=authority, name=name, areas=list(chosen))
    _row, token = services.token_issue(actor=lda, account=account, name=f"{name} token", scope=scope, days=days)
    return account, token


def api_client(token, language="en"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE=language)
    return client
