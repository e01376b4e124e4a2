"""The indicators of goal attainment: read by everyone, their values imported by staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from strategy import roles

from .. import queries
from ..charts import summarise
from ..forms import IndicatorImportForm
from ..indicator_import import ImportRefused, import_indicator_values
from .common import require_staff


def _crumbs() -> list[tuple[str, str]]:
    return [("Indikatorer", reverse("publications:indicator_list"))]


@require_safe
def indicator_list(request: HttpRequest) -> HttpResponse:
    context = {"goal_areas": queries.indicators_by_goal_area(), "can_write": roles.is_admin(request.user)}
    return render(request, "publications/indicator_list.html", context)


@require_safe
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    indicator = get_object_or_404(queries.indicators_with_values(), key=key)
    context = {"summary": summarise(indicator), "crumbs": _crumbs()}
    return render(request, "publications/indicator_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_import(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_indicator_values(name=upload.name, data=upload.read())
        except ImportRefused as refused:
            problems = refused.problems
            form.add_error("file", "Filen importerades inte. Ingenting har ändrats. Se felen nedan.")
        else:
            messages.success(
                request,
                f"Importen är klar: {result.created} nya värden, {result.updated} ändrade, "
                f"{result.unchanged} oförändrade.",
            )
            return redirect("publications:indicator_list")
    context = {"form": form, "problems": problems, "crumbs": _crumbs()}
    return render(request, "publications/indicator_import.html", context)
