"""The pages where an authority's LDA manages its national systems: accounts, tokens, webhook endpoints.

Who may: ``services.can_manage_systems_of(user, user.authority)``; anybody else gets 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import reference, services, webhooks
from api.events import event_types
from api.forms import SystemAccountForm, TokenForm, WebhookEndpointForm
from api.models import ApiToken, SystemAccount, WebhookDelivery, WebhookEndpoint
from authorities.models import Role
from core.forms import add_service_errors, submitted
from core.pagination import CappedPaginator

DELIVERIES_PER_PAGE = 50


def _get_systems_authority(request):
    authority = request.user.authority
    if authority is None or not services.can_manage_systems_of(request.user, authority):
        raise Http404
    return authority


def _get_account_for_lda(request, pk):
    """An account of the user's authority that still works."""
    authority = _get_systems_authority(request)
    return get_object_or_404(SystemAccount.objects.filter(authority=authority, revoked_at__isnull=True), pk=pk)


def _get_token_for_lda(request, pk):
    authority = _get_systems_authority(request)
    tokens = ApiToken.objects.select_related("account").filter(account__authority=authority, revoked_at__isnull=True)
    return get_object_or_404(tokens, pk=pk)


def _get_endpoint_for_lda(request, pk):
    authority = _get_systems_authority(request)
    return get_object_or_404(WebhookEndpoint.objects.filter(authority=authority), pk=pk)


def _get_delivery_for_lda(request, pk):
    authority = _get_systems_authority(request)
    deliveries = WebhookDelivery.objects.select_related("endpoint").filter(
        endpoint__authority=authority, state__in=[WebhookDelivery.State.FAILED, WebhookDelivery.State.DELIVERED]
    )
    return get_object_or_404(deliveries, pk=pk)


def _event_labels():
    return dict(event_types())


@login_required
def systems(request):
    authority = _get_systems_authority(request)
    accounts = (
        SystemAccount.objects.filter(authority=authority)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__roles",
                queryset=Role.objects.select_related("legislative_area").order_by("legislative_area__code"),
            ),
            "tokens",
        )
    )
    labels = _event_labels()
    endpoints = [
        (endpoint, [labels.get(event_type, event_type) for event_type in endpoint.event_types])
        for endpoint in WebhookEndpoint.objects.filter(authority=authority)
    ]
    return render(
        request,
        "systems/systems.html",
        {"authority": authority, "accounts": accounts, "endpoints": endpoints},
    )


@login_required
def account_new(request):
    authority = _get_systems_authority(request)
    form = SystemAccountForm(submitted(request), authority=authority)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.system_account_create(
                actor=request.user,
                authority=authority,
                name=form.cleaned_data["name"],
                areas=form.cleaned_data["areas"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The system account %(name)s has been created.") % {"name": account.name})
            return redirect("systems:token_new", pk=account.pk)
    return render(request, "systems/account_new.html", {"authority": authority, "form": form})


@login_required
def account_revoke(request, pk):
    account = _get_account_for_lda(request, pk)
    if request.method == "POST":
        try:
            services.system_account_revoke(actor=request.user, account=account)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The system account %(name)s has been revoked.") % {"name": account.name})
        return redirect("systems:systems")
    return render(request, "systems/account_revoke.html", {"account": account})


@login_required
def token_new(request, pk):
    account = _get_account_for_lda(request, pk)
    form = TokenForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            row, token = services.token_issue(actor=request.user, account=account, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown in this answer only: never in the session, a message or an address, and not kept.
            return render(request, "systems/token_issued.html", {"account": account, "row": row, "token": token})
    return render(request, "systems/token_new.html", {"account": account, "form": form})


@login_required
def token_revoke(request, pk):
    token = _get_token_for_lda(request, pk)
    if request.method == "POST":
        try:
            services.token_revoke(actor=request.user, token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The token %(name)s has been revoked.") % {"name": token.name})
        return redirect("systems:systems")
    return render(request, "systems/token_revoke.html", {"token": token})


def _endpoint_form_page(request, authority, endpoint=None):
    initial = (
        {"url": endpoint.url, "event_types": endpoint.event_types, "is_active": endpoint.is_active}
        if endpoint
        else {"is_active": True}
    )
    form = WebhookEndpointForm(submitted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.webhook_endpoint_save(
                actor=request.user, authority=authority, endpoint=endpoint, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The webhook endpoint %(url)s has been saved.") % {"url": endpoint.url})
            return redirect("systems:endpoint", pk=endpoint.pk)
    return render(request, "systems/endpoint_form.html", {"endpoint": endpoint, "form": form})


@login_required
def endpoint_new(request):
    return _endpoint_form_page(request, _get_systems_authority(request))


@login_required
def endpoint_edit(request, pk):
    endpoint = _get_endpoint_for_lda(request, pk)
    return _endpoint_form_page(request, endpoint.authority, endpoint)


@login_required
def endpoint(request, pk):
    endpoint = _get_endpoint_for_lda(request, pk)
    labels = _event_labels()
    return render(
        request,
        "systems/endpoint.html",
        {"endpoint": endpoint, "events": [labels.get(event_type, event_type) for event_type in endpoint.event_types]},
    )


@login_required
def endpoint_delete(request, pk):
    endpoint = _get_endpoint_for_lda(request, pk)
    if request.method == "POST":
        try:
            services.webhook_endpoint_delete(actor=request.user, endpoint=endpoint)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The webhook endpoint %(url)s has been deleted.") % {"url": endpoint.url})
        return redirect("systems:systems")
    return render(request, "systems/endpoint_delete.html", {"endpoint": endpoint})


def _deliveries_in_order(ids):
    rows = WebhookDelivery.objects.defer("payload").in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


@login_required
def deliveries(request, pk):
    endpoint = _get_endpoint_for_lda(request, pk)
    paginator = CappedPaginator(
        endpoint.deliveries.order_by("-created_at", "-pk"),
        DELIVERIES_PER_PAGE,
        cap=settings.IMI_LIST_COUNT_CAP,
        rows=_deliveries_in_order,
    )
    page = paginator.get_page(request.GET.get("page"))
    labels = _event_labels()
    rows = [(delivery, labels.get(delivery.event_type, delivery.event_type)) for delivery in page.object_list]
    return render(request, "systems/deliveries.html", {"endpoint": endpoint, "page": page, "rows": rows})


@login_required
@require_POST
def delivery_send_again(request, pk):
    delivery = _get_delivery_for_lda(request, pk)
    try:
        webhooks.send_again(actor=request.user, delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event will be sent again."))
    return redirect("systems:deliveries", pk=delivery.endpoint_id)


def api_reference(request):
    """The API's reference for the engineers of national systems, from its OpenAPI document; open to all."""
    return render(request, "api/docs.html", {"operations": reference.operations(), "schemas": reference.schemas()})
