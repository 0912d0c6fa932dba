"""``__any``: a long list of ids as one array parameter, with the rows ``__in`` finds."""

from requests_app.auth import requests_visible_to
from requests_app.models import InformationRequest, Status
from tests.request_states import request_in


def test_it_finds_the_rows_in_finds_with_one_parameter(world, questions):
    made = [request_in(world, questions, Status.OPEN) for _ in range(3)]
    ids = [made[0].responding_authority_id, *range(10_000, 10_500)]
    by_any = InformationRequest.objects.filter(responding_authority__any=ids)
    by_in = InformationRequest.objects.filter(responding_authority__in=ids)
    assert set(by_any) == set(by_in) and by_any.exists()
    sql, params = by_any.query.sql_with_params()
    assert "= ANY(%s::bigint[])" in sql
    assert params == (ids,)


def test_an_empty_list_finds_nothing(world, questions):
    request_in(world, questions, Status.OPEN)
    assert not InformationRequest.objects.filter(pk__any=[]).exists()


def test_a_coordinator_s_scope_is_one_parameter_however_large(world, questions):
    request_in(world, questions, Status.OPEN)
    sql, params = requests_visible_to(world.pt_coordinator).query.sql_with_params()
    scopes = [param for param in params if isinstance(param, list)]
    assert scopes and all(world.pt_coordinator.authority_id in scope for scope in scopes)
    assert len(params) < 20


def test_one_id_is_compared_as_equal_and_a_queryset_is_a_subquery(world, questions):
    made = request_in(world, questions, Status.OPEN)
    one = InformationRequest.objects.filter(responding_authority__any=[made.responding_authority_id])
    assert '"responding_authority_id" = %s' in one.query.sql_with_params()[0]
    assert list(one) == [made]
    authorities = type(made.responding_authority).objects.filter(pk=made.responding_authority_id)
    assert list(InformationRequest.objects.filter(responding_authority__any=authorities)) == [made]
