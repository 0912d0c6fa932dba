"""The site-wide admin: the change log of every app's objects, and "View on site"."""

from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.translation import gettext_lazy

from authorities.auth import authorities_in_scope, users_in_scope
from authorities.models import Authority, User
from core.admin_mixins import ReadOnlyMixin, StaffAccessMixin
from registers.models import Register


@admin.register(LogEntry)
class ChangeLogAdmin(ReadOnlyMixin, StaffAccessMixin, admin.ModelAdmin):
    """Who changed what and when, for the objects of the viewer's scope."""

    list_display = ["action_time", "user", "content_type", "object_repr", "change_message"]
    list_filter = ["content_type"]
    search_fields = ["object_repr", "user__full_name", "user__email"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset

        def ids_of(scope):
            return scope.annotate(text_pk=Cast("pk", TextField())).values("text_pk")

        return queryset.filter(
            Q(
                content_type=ContentType.objects.get_for_model(User),
                object_id__in=ids_of(users_in_scope(request.user)),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Authority),
                object_id__in=ids_of(authorities_in_scope(request.user)),
            )
            | Q(
                content_type=ContentType.objects.get_for_model(Register),
                object_id__in=ids_of(
                    Register.objects.filter(authority__in=authorities_in_scope(request.user).values("pk"))
                ),
            )
        )


def view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" (``/admin/r/<type>/<id>/``), for the objects the user's admin lists hold.

    Django's own redirects for any object that exists and tells an unknown id apart: an object
    out of the user's scope answers exactly as one that does not exist.
    """
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None or model_admin.get_object(request, object_id) is None:
        raise Http404
    return shortcut(request, content_type_id, object_id)


# Django's groups and permissions are not how the portal gives rights (roles, coordinators and helpdesks do:
# authorities.auth), and their permission names are stored in English: not offered in the admin.
admin.site.unregister(Group)


class AuthenticatorForm(forms.ModelForm):
    class Meta:
        model = Authenticator
        fields = ["user", "type", "data", "created_at", "last_used_at"]
        # allauth's model names its fields in English only.
        labels = {
            "user": gettext_lazy("user"),
            "type": gettext_lazy("kind"),
            "data": gettext_lazy("data"),
            "created_at": gettext_lazy("created"),
            "last_used_at": gettext_lazy("last used"),
        }


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """allauth's authenticators, for superusers, with every label in the reader's language."""

    form = AuthenticatorForm
    raw_id_fields = ["user"]
    list_display = ["user", "kind", "created", "last_used"]

    @admin.display(description=gettext_lazy("kind"), ordering="type")
    def kind(self, obj):
        return obj.get_type_display()

    @admin.display(description=gettext_lazy("created"), ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description=gettext_lazy("last used"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at
