"""The coordinators' scopes of many users at once: the same answer as each user's scope, in two queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from authorities.auth import authorities_in_scope, scopes_holding
from authorities.models import Authority, User
from tests.factories import AuthorityFactory, UserFactory, area


def test_it_answers_as_authorities_in_scope_does_for_each_user(world):
    # A delegated coordinator of Portugal for qualifications only, and a colleague of theirs.
    delegated = AuthorityFactory(
        country=world.pt_authority.country, coordinator_type=Authority.CoordinatorType.DELEGATED
    )
    delegated.coordinated_areas.set([area("professional-qualifications")])
    first, second = UserFactory(authority=delegated), UserFactory(authority=delegated)
    people = [
        world.pt_coordinator,
        world.bg_coordinator,
        first,
        second,
        world.bg_helpdesk,
        world.superuser,
        world.pt_handler,  # no scope at all
    ]
    users = list(User.objects.filter(pk__in=[user.pk for user in people]).select_related("authority"))
    authority_ids = list(Authority.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        holding = scopes_holding(users, authority_ids)
    assert len(queries) <= 2
    for user in people:
        assert holding[user.pk] == set(authorities_in_scope(user).values_list("pk", flat=True)), user.full_name
    assert world.pt_authority.pk in holding[first.pk]
    assert world.ro_authority.pk not in holding[first.pk]
    assert holding[world.pt_handler.pk] == set()


def test_it_asks_nothing_for_no_users_or_no_authorities(world):
    with CaptureQueriesContext(connection) as queries:
        assert scopes_holding([], [world.pt_authority.pk]) == {}
        assert scopes_holding([world.pt_coordinator], []) == {world.pt_coordinator.pk: set()}
    assert len(queries) == 0
