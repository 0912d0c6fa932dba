from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.csv_export import csv_response
from core.forms import add_service_errors, submitted
from registers import services
from registers.forms import RegisterForm, RegisterSearchForm
from registers.models import Register
from registers.selectors import registers_search, review_due_cutoff


def _get_register_for_lda(request, pk):
    register = get_object_or_404(Register, pk=pk)
    if not services.can_manage_register(request.user, register):
        raise Http404
    return register


@login_required
def register_directory(request):
    form = RegisterSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = registers_search(query=filters.get("q", ""), country=filters.get("country"), area=filters.get("area"))
    if request.GET.get("format") == "csv":
        return csv_response(
            filename="registers.csv",
            header=[_("Name"), _("Country"), _("Managing authority"), _("Web address"), _("What it covers")],
            rows=(
                [register.name, register.country.name, register.authority.name, register.url, register.coverage]
                for register in results[:5000]
            ),
        )
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "registers/list.html",
        {
            "form": form,
            "page": page,
            "results": page.object_list,
            "can_add": request.user.is_lda and request.user.authority_id is not None,
        },
    )


@login_required
def register_detail(request, pk):
    register = get_object_or_404(Register.objects.select_related("country", "authority"), pk=pk)
    return render(
        request,
        "registers/detail.html",
        {
            "register": register,
            "can_manage": services.can_manage_register(request.user, register),
            "checks": register.checks.all()[:10],
            "needs_review": register.last_reviewed <= review_due_cutoff(),
            "areas": register.legislative_areas.all(),
        },
    )


def _save(request, register):
    authority = request.user.authority
    form = RegisterForm(submitted(request), authority=authority, register=register)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "legislative_areas"}
        try:
            saved = services.register_save(
                actor=request.user,
                register=register or Register(),
                data=data,
                legislative_areas=form.cleaned_data["legislative_areas"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The register has been saved."))
            return redirect("registers:detail", pk=saved.pk)
    return render(request, "registers/form.html", {"form": form, "register": register})


@login_required
def register_new(request):
    if not (request.user.is_lda and request.user.authority_id):
        raise Http404
    return _save(request, None)


@login_required
def register_edit(request, pk):
    return _save(request, _get_register_for_lda(request, pk))


@login_required
def register_reviewed(request, pk):
    register = _get_register_for_lda(request, pk)
    if request.method == "POST":
        services.register_mark_reviewed(actor=request.user, register=register)
        messages.success(request, _("The register is marked as reviewed today."))
        return redirect("registers:detail", pk=register.pk)
    return render(request, "registers/confirm.html", {"register": register, "action": "reviewed"})


@login_required
def register_retire(request, pk):
    register = _get_register_for_lda(request, pk)
    if request.method == "POST":
        services.register_retire(actor=request.user, register=register)
        messages.success(request, _("The register has been retired."))
        return redirect("registers:detail", pk=register.pk)
    return render(request, "registers/confirm.html", {"register": register, "action": "retire"})
