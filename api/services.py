"""Changes to system accounts, their tokens and webhook endpoints. Pages, the admin and tests call these.

Each records who changed what in the change log (``authorities.audit``), like a change to a person.
"""

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, SystemAccount, WebhookEndpoint
from authorities import audit
from authorities.auth import authorities_in_scope, can_manage_authority
from authorities.models import Role, User

TOKEN_PREFIX = "imi"  # noqa: S105 (the tokens' visible start, not a secret)


def can_manage_systems_of(user, authority):
    """The authority's LDAs, and the coordinators (and superusers) whose scope holds it."""
    if not (user.is_authenticated and user.is_active) or user.is_system:
        return False
    if can_manage_authority(user, authority):
        return True
    return (user.is_coordinator or user.is_superuser) and authorities_in_scope(user).filter(pk=authority.pk).exists()


def _check(actor, authority):
    if not can_manage_systems_of(actor, authority):
        raise ValidationError(_("You cannot manage the national systems of this authority."))


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def areas_for_systems(authority):
    """The legislative areas a system account of the authority may work in: those it is competent for."""
    return authority.legislative_areas.all()


@transaction.atomic
def system_account_create(*, actor, authority, name, areas):
    """A national system's account: a user of the authority that never logs in, handling ``areas``."""
    _check(actor, authority)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("This field is required.")})
    allowed = set(areas_for_systems(authority).values_list("pk", flat=True))
    areas = list(areas)
    if not areas or any(area.pk not in allowed for area in areas):
        raise ValidationError({"areas": _("Choose areas the authority is competent for.")})
    user = User(
        # Never written to: system accounts get no mail (core.mail.receives_mail). Unique and visibly not a person.
        email=f"system-{uuid.uuid4().hex}@systems.invalid",
        full_name=name,
        authority=authority,
        is_system=True,
        preferred_language=settings.LANGUAGE_CODE,
    )
    user.set_unusable_password()
    user.save()
    Role.objects.bulk_create(Role(user=user, legislative_area=area, kind=Role.Kind.HANDLER) for area in areas)
    account = SystemAccount.objects.create(user=user, authority=authority, name=name, created_by=actor)
    audit.record(actor=actor, obj=account, message=_("National system account created."), flag=audit.ADDITION)
    return account


@transaction.atomic
def system_account_revoke(*, actor, account):
    """The account and all its tokens stop working at once; its past actions stay in the history."""
    _check(actor, account.authority)
    now = timezone.now()
    account.revoked_at = now
    account.save(update_fields=["revoked_at"])
    account.tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
    User.objects.filter(pk=account.user_id).update(is_active=False, sessions_revoked_at=now)
    audit.record(actor=actor, obj=account, message=_("National system account revoked."))


@transaction.atomic
def token_issue(*, actor, account, name, scope, days):
    """A new token of the account; returns ``(token row, the token itself)``. The token is shown once:
    only its hash is kept."""
    _check(actor, account.authority)
    if account.is_revoked:
        raise ValidationError(_("This account has been revoked."))
    if not 1 <= days <= settings.IMI_API_TOKEN_MAX_DAYS:
        raise ValidationError({"days": _("Between 1 and %(days)d days.") % {"days": settings.IMI_API_TOKEN_MAX_DAYS}})
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = f"{TOKEN_PREFIX}_{prefix}_{secret}"
    now = timezone.now()
    row = ApiToken.objects.create(
        account=account,
        name=name.strip() or scope,
        scope=scope,
        prefix=prefix,
        token_hash=token_hash(token),
        created_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    audit.record(actor=actor, obj=account, message=_("Token %(name)s created.") % {"name": row.name})
    return row, token


@transaction.atomic
def token_revoke(*, actor, token):
    _check(actor, token.account.authority)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, obj=token.account, message=_("Token %(name)s revoked.") % {"name": token.name})


def token_for(raw):
    """The usable token row for a token as sent, with its account's user and authority; None otherwise."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    row = (
        ApiToken.objects.select_related("account__user__authority", "account__authority")
        .filter(prefix=parts[1])
        .first()
    )
    if row is None or not secrets.compare_digest(row.token_hash, token_hash(raw)):
        return None
    if not row.is_usable() or row.account.is_revoked or not row.account.user.is_active:
        return None
    return row


def token_used(token):
    """Remember when a token was last used, at most once every ``IMI_API_LAST_USED_SECONDS``."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(seconds=settings.IMI_API_LAST_USED_SECONDS):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def webhook_endpoint_save(*, actor, authority, url, event_types, endpoint=None, is_active=True):
    """Register (or change) an endpoint. The address is checked by the private-network guard on every delivery."""
    _check(actor, authority)
    creating = endpoint is None
    endpoint = endpoint or WebhookEndpoint(authority=authority, created_by=actor)
    endpoint.url = url
    endpoint.event_types = sorted(set(event_types))
    endpoint.is_active = is_active
    endpoint.save()
    audit.record(
        actor=actor,
        obj=endpoint,
        message=_("Webhook endpoint registered.") if creating else _("Webhook endpoint changed."),
        flag=audit.ADDITION if creating else audit.CHANGE,
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, actor, endpoint):
    _check(actor, endpoint.authority)
    audit.record(actor=actor, obj=endpoint, message=_("Webhook endpoint deleted."), flag=audit.DELETION)
    endpoint.delete()
