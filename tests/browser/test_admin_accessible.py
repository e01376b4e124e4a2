"""Django admin is a public-sector service too: the pages staff use pass axe (WCAG 2.1 AA).

The pages come from the admin site's registry, so a model registered later is checked as
well: the index, and for every model its list, its add form (where adding is allowed) and
the change form and history of one of its objects.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from publications.models import Evaluation, EvaluationKind
from strategy.models import Strategy
from tests.conftest import PASSWORD, make_entry
from tests.publications.conftest import make_indicator, make_recommendation, make_report

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def one_of_each(developer_vgr):
    """At least one object of every registered model, for its change and history pages."""
    make_entry(title="Insats i admin")
    make_recommendation(make_report(year=2016))
    make_indicator(values={2016: "45"})
    Evaluation.objects.create(
        strategy=Strategy.objects.get(slug="vg2020"), kind=EvaluationKind.MIDTERM, year=2017, title="Halvtid"
    )


def _admin_pages(staff: User) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = staff
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{name}_add"))
        some = model._default_manager.order_by("pk").first()
        if some is not None:
            pages += [reverse(f"{name}_change", args=[some.pk]), reverse(f"{name}_history", args=[some.pk])]
    return pages


def test_every_admin_page_staff_use_passes_axe(page, admin_user, one_of_each):
    sign_in(page, admin_user.username, PASSWORD)  # the sign-in also leaves an axes access log
    problems = []
    pages = _admin_pages(admin_user)
    for path in pages:
        response = page.goto(path)
        if response.status != 200:
            problems.append(f"{path}: status {response.status}")
            continue
        problems += [f"{path}: {violation}" for violation in axe_violations(page)]
        problems += [f"{path}: konsolfel {error}" for error in page.console_errors]
        page.console_errors.clear()
    assert len(pages) > 60
    assert problems == [], f"{len(problems)} fel på {len(pages)} adminsidor:\n" + "\n".join(problems)
