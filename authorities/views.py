from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authorities import services
from authorities.adapters import INACTIVE_ACCOUNT_COUNTRY
from authorities.auth import can_manage_authority, colleagues_managed_by
from authorities.forms import (
    AbsenceForm,
    AuthorityForm,
    BackupsForm,
    InviteForm,
    ProfileForm,
    RolesForm,
)
from authorities.models import NationalHelpdesk
from authorities.selectors import authority_members, inactive_users, new_user_language, users_without_backup
from core.forms import add_service_errors, submitted


def _get_own_authority(request):
    if request.user.authority_id is None:
        raise Http404
    return request.user.authority


def _get_managed_authority(request):
    authority = _get_own_authority(request)
    if not can_manage_authority(request.user, authority):
        raise Http404
    return authority


def _get_colleague_for_lda(request, pk):
    return get_object_or_404(colleagues_managed_by(request.user), pk=pk)


@login_required
def my_authority(request):
    authority = _get_own_authority(request)
    members = list(authority_members(authority=authority))
    return render(
        request,
        "authorities/my_authority.html",
        {
            "authority": authority,
            "competences": authority.competences.select_related("legislative_area").order_by("legislative_area__code"),
            "members": members,
            "without_backup": set(users_without_backup(authority=authority).values_list("pk", flat=True)),
            "inactive": set(
                inactive_users(months=settings.IMI_INACTIVE_AFTER_MONTHS)
                .filter(authority=authority)
                .values_list("pk", flat=True)
            ),
            "inactive_months": settings.IMI_INACTIVE_AFTER_MONTHS,
            "can_manage": can_manage_authority(request.user, authority),
        },
    )


@login_required
def authority_edit(request):
    authority = _get_managed_authority(request)
    form = AuthorityForm(submitted(request), instance=authority)
    if request.method == "POST" and form.is_valid():
        try:
            services.authority_update(
                actor=request.user,
                authority=authority,
                data=form.authority_data(),
                keywords=form.competence_keywords(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The authority's data have been saved."))
            return redirect("authorities:my_authority")
    return render(request, "authorities/authority_edit.html", {"authority": authority, "form": form})


@login_required
def user_invite(request):
    authority = _get_managed_authority(request)
    form = InviteForm(
        submitted(request),
        initial={"preferred_language": new_user_language(invited_by=request.user, authority=authority)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(invited_by=request.user, authority=authority, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been registered and will receive an e-mail to set a password.")
                % {"name": user.full_name},
            )
            return redirect("authorities:user_roles", pk=user.pk)
    return render(request, "authorities/user_invite.html", {"authority": authority, "form": form})


@login_required
def user_roles(request, pk):
    colleague = _get_colleague_for_lda(request, pk)
    form = RolesForm(submitted(request), user=colleague)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_roles_set(
                actor=request.user, user=colleague, is_lda=form.cleaned_data["is_lda"], roles=form.roles()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The roles of %(name)s have been saved.") % {"name": colleague.full_name})
            return redirect("authorities:my_authority")
    return render(request, "authorities/user_roles.html", {"colleague": colleague, "form": form})


@login_required
def user_deactivate(request, pk):
    colleague = _get_colleague_for_lda(request, pk)
    if request.method == "POST":
        try:
            services.user_deactivate(actor=request.user, user=colleague)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s has been deactivated.") % {"name": colleague.full_name})
        return redirect("authorities:my_authority")
    return render(request, "authorities/user_deactivate.html", {"colleague": colleague})


@login_required
def user_reactivate(request, pk):
    colleague = _get_colleague_for_lda(request, pk)
    if request.method == "POST":
        try:
            services.user_reactivate(actor=request.user, user=colleague)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s has been reactivated.") % {"name": colleague.full_name})
        return redirect("authorities:my_authority")
    return render(request, "authorities/user_reactivate.html", {"colleague": colleague})


@login_required
@require_POST
def invitation_resend(request, pk):
    colleague = _get_colleague_for_lda(request, pk)
    if colleague.has_usable_password() or not colleague.is_active:
        raise Http404
    services.invitation_send(user=colleague, invited_by=request.user)
    messages.success(request, _("A new invitation has been sent to %(name)s.") % {"name": colleague.full_name})
    return redirect("authorities:my_authority")


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        submitted(request),
        initial={
            "full_name": user.full_name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
            "wants_digest": user.wants_digest,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("authorities:profile")
    return render(
        request,
        "authorities/profile.html",
        {
            "form": form,
            "roles": user.roles.select_related("legislative_area"),
            "backups": [link.backup for link in user.backup_links.select_related("backup")],
            "covering_for": [link.user for link in user.covering_links.select_related("user")],
        },
    )


def account_inactive(request):
    """allauth's "account inactive" page, naming the national helpdesk of the user's country."""
    country_id = request.session.get(INACTIVE_ACCOUNT_COUNTRY)
    helpdesk = NationalHelpdesk.objects.select_related("country").filter(country_id=country_id).first()
    return render(request, "account/account_inactive.html", {"helpdesk": helpdesk})


@login_required
def login_address_kept_by_others(request, **kwargs):
    """allauth's e-mail pages: a user does not change or add their own login address."""
    messages.info(
        request,
        _(
            "Your login address is kept by your local data administrator or your national helpdesk. "
            "Ask them if it has to change."
        ),
    )
    return redirect("authorities:profile")


@login_required
def backups(request):
    _get_own_authority(request)
    form = BackupsForm(submitted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.backups_set(user=request.user, backups=form.cleaned_data["backups"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your backups have been saved."))
            return redirect("authorities:profile")
    return render(request, "authorities/backups.html", {"form": form})


@login_required
def absence(request):
    user = request.user
    form = AbsenceForm(
        submitted(request),
        initial={"absent_from": user.absent_from, "absent_until": user.absent_until},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_set(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your absence has been saved."))
            return redirect("authorities:profile")
    return render(request, "authorities/absence.html", {"form": form})


def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        raise Http404
    # The page speaks the language the LDA chose for the newcomer, as the invitation mail did.
    language = invitation.user.preferred_language or translation.get_language()
    with translation.override(language):
        request.LANGUAGE_CODE = translation.get_language()
        return _invitation_page(request, invitation)


def _invitation_page(request, invitation):
    if not invitation.is_usable or not invitation.user.is_active:
        return render(request, "authorities/invitation_expired.html", {"invitation": invitation}, status=410)
    user = invitation.user
    form = SetPasswordForm(user, submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except ValidationError:
            return render(request, "authorities/invitation_expired.html", {"invitation": invitation}, status=410)
        login(request, user, backend="authorities.backends.PortalAuthenticationBackend")
        messages.success(request, _("Welcome, %(name)s. Your password has been set.") % {"name": user.full_name})
        return redirect("home")
    # Rendered now, while the newcomer's language is active.
    return render(request, "authorities/invitation_accept.html", {"form": form, "invited": user})
