"""Changes to authorities and users. Views and the admin call these; nothing else writes."""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities import audit, auth
from authorities.models import Authority, Backup, Invitation, Role, User
from authorities.selectors import inactive_users
from authorities.signals import authorities_changed
from core.mail import send_to_user
from core.search import searchable, store_document


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def user_invite(*, invited_by, authority, email, full_name, preferred_language, is_lda=False, helpdesk_country=None):
    """Register a person and send them a link to set their password."""
    if not auth.can_invite_to(invited_by, authority):
        raise ValidationError({"authority": _("You cannot register users in this authority.")})
    if helpdesk_country is not None and not auth.can_grant_rights(invited_by):
        raise ValidationError(_("Only a superuser makes someone a member of a national helpdesk."))
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address is already registered.")})
    user = User(
        email=email,
        full_name=full_name,
        authority=authority,
        preferred_language=preferred_language,
        is_lda=is_lda,
        helpdesk_country=helpdesk_country,
    )
    user.set_unusable_password()
    user.save()
    audit.record(actor=invited_by, obj=user, message=_("Registered and invited."), flag=audit.ADDITION)
    invitation_send(user=user, invited_by=invited_by)
    return user


@transaction.atomic
def invitation_send(*, user, invited_by):
    """Send a new set-password link; earlier links of the user stop working."""
    now = timezone.now()
    user.invitations.filter(accepted_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=invited_by,
        token_hash=_token_hash(token),
        created_at=now,
        expires_at=now + timedelta(days=settings.IMI_INVITATION_VALID_DAYS),
    )
    send_to_user(
        user=user,
        template="invitation",
        context={
            "invited_by": invited_by,
            "authority": user.authority,
            "link": settings.SITE_URL + reverse("authorities:invitation_accept", args=[token]),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


def invitation_for_token(token):
    """The invitation a link stands for, or None (also when used or expired: see is_usable)."""
    return Invitation.objects.select_related("user").filter(token_hash=_token_hash(token)).first()


@transaction.atomic
def invitation_accept(*, invitation, password):
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This link has expired or has already been used."))
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(actor=user, obj=user, message=_("Set a password from the invitation."))
    return user


def user_active_check(*, actor, user, is_active):
    """Raise ValidationError unless the actor may deactivate (or reactivate) the user."""
    if not is_active and user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not auth.can_manage_account(actor, user):
        raise ValidationError(
            _("Only a superuser manages the account of a coordinator, a helpdesk member or a superuser.")
        )


def user_deactivate(*, actor, user):
    """Users are never deleted: their requests and history stay attributable.

    The sessions and password reset links of the user end for good: a reactivation does not
    bring them back (User.sessions_revoked_at).
    """
    user_active_check(actor=actor, user=user, is_active=False)
    if user.is_active:
        user.is_active = False
        user.sessions_revoked_at = timezone.now()
        user.save(update_fields=["is_active", "sessions_revoked_at"])
        audit.record(actor=actor, obj=user, message=_("Deactivated."))


def user_reactivate(*, actor, user):
    user_active_check(actor=actor, user=user, is_active=True)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(actor=actor, obj=user, message=_("Reactivated."))


@transaction.atomic
def authority_status_set(*, actor, authority, status, message):
    """Validate or suspend an authority; False (and nothing changed) when the actor may not.

    On validation its users are told by mail that they can now work in the portal.
    """
    if not auth.can_change_status_of(actor, authority):
        return False
    if authority.status != status:
        authority.status = status
        authority.save(update_fields=["status", "updated_at"])
        audit.record(actor=actor, obj=authority, message=message)
        if status == Authority.Status.VALIDATED:
            for user in authority.users.filter(is_active=True).exclude(pk=actor.pk):
                send_to_user(
                    user=user,
                    template="authority_validated",
                    context={"authority": authority, "actor": actor, "actor_authority": actor.authority},
                    link=settings.SITE_URL + reverse("home"),
                )
    return True


def user_password_reset_send(*, actor, user, http_request):
    """Send allauth's password reset mail to an active user (links are built from the HTTP request)."""
    form = ResetPasswordForm(data={"email": user.email})
    if user.is_active and form.is_valid():
        form.save(http_request)
        audit.record(actor=actor, obj=user, message=_("Password reset e-mail sent."))


def user_authenticators_reset(*, actor, user):
    """Remove the user's authenticator app (MFA): they set one up again at their next login."""
    deleted, _details = Authenticator.objects.filter(user=user).delete()
    if deleted:
        audit.record(actor=actor, obj=user, message=_("Authenticator app reset."))


def user_email_change_check(*, actor, user, email):
    """Raise ValidationError unless the actor may give the user this login address."""
    if not auth.can_change_login_address(actor, user):
        raise ValidationError(_("Only a superuser changes a login address."))
    if User.objects.filter(email__iexact=email.strip()).exclude(pk=user.pk).exists():
        raise ValidationError(_("A user with this e-mail address is already registered."))


@transaction.atomic
def user_email_change(*, actor, user, email):
    """Give a user another login address: a superuser's act, since password resets go there.

    allauth's own records of addresses are dropped with the old address, so that a reset asked
    for the old one finds nobody.
    """
    email = email.strip().lower()
    user_email_change_check(actor=actor, user=user, email=email)
    old = User.objects.only("email").get(pk=user.pk).email
    user.email = email
    user.save(update_fields=["email"])
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).delete()
    EmailAddress.objects.filter(email__iexact=email).exclude(user=user).delete()
    if old.lower() != email:
        audit.record(
            actor=actor,
            obj=user,
            message=_("Changed the login address from %(old)s to %(new)s.") % {"old": old, "new": email},
        )


@transaction.atomic
def user_roles_set(*, actor, user, is_lda, roles):
    """Replace a user's roles. ``roles`` is a collection of (legislative area, kind) pairs."""
    if actor.pk == user.pk and actor.is_lda and not is_lda:
        raise ValidationError(_("You cannot remove your own local data administrator role."))
    competent = set(user.authority.legislative_areas.values_list("pk", flat=True)) if user.authority_id else set()
    wanted = {(area.pk, kind) for area, kind in roles}
    if any(area_id not in competent for area_id, _kind in wanted):
        raise ValidationError(_("Roles can only be given in the legislative areas of the authority."))
    current = set(user.roles.values_list("legislative_area_id", "kind"))
    for area_id, kind in current - wanted:
        user.roles.filter(legislative_area_id=area_id, kind=kind).delete()
    Role.objects.bulk_create(
        [Role(user=user, legislative_area_id=area_id, kind=kind) for area_id, kind in wanted - current]
    )
    if user.is_lda != is_lda:
        user.is_lda = is_lda
        user.save(update_fields=["is_lda"])
    if current != wanted or user.is_lda != is_lda:
        audit.record(actor=actor, obj=user, message=_("Changed roles."))


def user_move_check(*, actor, user, authority):
    """Raise ValidationError unless the actor may move the user to the authority (None: out of every authority)."""
    if not auth.can_grant_rights(actor) and (user.authority_id is None or not auth.can_manage_account(actor, user)):
        # Helpdesk staff and superusers belong to no authority; a coordinator authority's users are coordinators.
        raise ValidationError(
            _("Only a superuser moves a coordinator, a helpdesk member, a superuser or a user of no authority.")
        )
    if user.authority_id is None:
        return
    if authority is None:
        raise ValidationError(_("A user of an authority stays in an authority. To end their access, deactivate them."))
    if not auth.can_place_user_in(actor, authority):
        raise ValidationError(
            _("Only a superuser moves a user into a coordinator authority: its users hold a coordinator's rights.")
        )
    if user.authority.country_id != authority.country_id:
        raise ValidationError(_("A user can only be moved between authorities of the same country."))


@transaction.atomic
def user_move(*, actor, user, authority):
    """Move a user to another authority of the same country; roles and backups stay behind."""
    if user.authority_id == getattr(authority, "pk", None):
        return
    user_move_check(actor=actor, user=user, authority=authority)
    Backup.objects.filter(user=user).delete()
    Backup.objects.filter(backup=user).delete()
    user.roles.all().delete()
    old = user.authority
    user.authority = authority
    user.is_lda = False
    user.save(update_fields=["authority", "is_lda"])
    audit.record(
        actor=actor,
        obj=user,
        message=_("Moved from %(old)s to %(new)s.") % {"old": old, "new": authority},
    )


@transaction.atomic
def backups_set(*, user, backups):
    """Replace the colleagues who cover for a user."""
    backups = list(backups)
    for backup in backups:
        if backup.pk == user.pk:
            raise ValidationError(_("You cannot be your own backup."))
        if backup.authority_id is None or backup.authority_id != user.authority_id:
            raise ValidationError(_("A backup must be a colleague of the same authority."))
        if not backup.is_active:
            raise ValidationError(_("A deactivated user cannot be a backup."))
    wanted = {b.pk for b in backups}
    current = set(user.backup_links.values_list("backup_id", flat=True))
    user.backup_links.filter(backup_id__in=current - wanted).delete()
    Backup.objects.bulk_create([Backup(user=user, backup_id=pk) for pk in wanted - current])


def absence_set(*, user, absent_from, absent_until):
    if (absent_from is None) != (absent_until is None):
        raise ValidationError(_("Give both the first and the last day of the absence, or neither."))
    if absent_from and absent_until < absent_from:
        raise ValidationError(_("The absence cannot end before it starts."))
    user.absent_from, user.absent_until = absent_from, absent_until
    user.save(update_fields=["absent_from", "absent_until"])


def profile_update(*, user, full_name, phone, preferred_language, wants_digest=False):
    user.full_name, user.phone, user.preferred_language = full_name, phone, preferred_language
    user.wants_digest = wants_digest
    user.save(update_fields=["full_name", "phone", "preferred_language", "wants_digest"])


def language_set(*, user, language):
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def authority_update(*, actor, authority, data, keywords):
    """Apply what an LDA changed in the authority's data, and record which fields.

    ``keywords`` maps each of the authority's competences to its new keywords.
    """
    # Compare with the stored row: a bound ModelForm has already written into the object it was given.
    authority = Authority.objects.select_for_update().get(pk=authority.pk)
    changed = [field for field, value in data.items() if getattr(authority, field) != value]
    for field in changed:
        setattr(authority, field, data[field])
    if changed:
        authority.save(update_fields=[*changed, "updated_at"])
    for competence, text in keywords.items():
        if competence.authority_id != authority.pk:
            raise ValidationError(_("This competence belongs to another authority."))
        if competence.keywords != text:
            competence.keywords = text
            competence.save(update_fields=["keywords"])
            changed.append("competences")
    if changed:
        audit.record(actor=actor, obj=authority, message=_("Changed the authority's data."))
        authority_search_refresh(authorities=Authority.objects.filter(pk=authority.pk))
    return changed


def inactive_users_remind():
    """Tell each LDA which users of their authority no longer log in; returns how many mails were written."""

    months = settings.IMI_INACTIVE_AFTER_MONTHS
    by_authority = {}
    for user in inactive_users(months=months).select_related("authority").order_by("full_name"):
        by_authority.setdefault(user.authority, []).append(user)
    written = 0
    ldas = User.objects.filter(authority__in=list(by_authority), is_lda=True, is_active=True).select_related(
        "authority"
    )
    with transaction.atomic():
        for lda in ldas:
            users = by_authority[lda.authority]
            send_to_user(
                user=lda,
                template="inactive_users",
                context={"authority": lda.authority, "users": users, "months": months},
                link=settings.SITE_URL + reverse("authorities:my_authority"),
            )
            written += 1
    return written


def authority_search_text(authority, keywords):
    """What the directory search reads of an authority.

    Names, acronym, city and competence keywords only: the country is a filter, and a short
    document keeps the trigram comparison fast (see bench_search).
    """
    names = dict.fromkeys(getattr(authority, f"display_name_{code}") for code, _name in settings.LANGUAGES)
    return searchable(authority.official_name, *names, authority.acronym, authority.city, *keywords)


def authority_search_refresh(*, authorities):
    """Rebuild the directory search document of these authorities (after any change to them).

    Then tells the apps above (``authorities_changed``): a register's document carries its authority's acronym.
    """
    changed = []
    for authority in authorities.prefetch_related("competences"):
        keywords = [competence.keywords for competence in authority.competences.all()]
        store_document(Authority.objects.filter(pk=authority.pk), authority_search_text(authority, keywords))
        changed.append(authority.pk)
    if changed:
        authorities_changed.send(sender=Authority, authority_ids=changed)


def page_seen(*, user, page):
    """Remember that a user has looked at a page the "Getting started" checklist points to."""
    if user.is_authenticated and page not in user.pages_seen:
        user.pages_seen = [*user.pages_seen, page]
        user.save(update_fields=["pages_seen"])


def getting_started_toggle(*, user, hidden):
    user.getting_started_hidden = hidden
    user.save(update_fields=["getting_started_hidden"])
