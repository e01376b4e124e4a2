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


# The apps whose admin pages one test checks: four tests instead of one long one, so that
# pytest-xdist spreads them over the workers (the admin of the other apps is in "andra").
APP_GROUPS = ("strategy", "followup", "publications", "andra")


def _group_of(app_label: str) -> str:
    return app_label if app_label in APP_GROUPS else "andra"


def _admin_pages(staff: User, group: str | None = None) -> list[str]:
    """The admin pages of one group of apps (the index belongs to "andra"), or of all."""
    request = RequestFactory().get("/admin/")
    request.user = staff
    pages = [reverse("admin:index")] if group in (None, "andra") else []
    for model, model_admin in admin.site._registry.items():
        if group is not None and _group_of(model._meta.app_label) != group:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{name}_add"))
        some = model._default_manager.order_by("pk").first()
        if some is not None:
            pages += [reverse(f"{name}_change", args=[some.pk]), reverse(f"{name}_history", args=[some.pk])]
    return pages


@pytest.mark.django_db
def test_the_admin_pages_checked_cover_every_registered_model(admin_user, one_of_each):
    pages = _admin_pages(admin_user)
    assert len(pages) > 60
    assert sorted(pages) == sorted(page for group in APP_GROUPS for page in _admin_pages(admin_user, group))


@pytest.mark.parametrize("group", APP_GROUPS)
def test_every_admin_page_staff_use_passes_axe(page, admin_user, one_of_each, group):
    sign_in(page, admin_user.username, PASSWORD)  # the sign-in also leaves an axes access log
    problems = []
    pages = _admin_pages(admin_user, group)
    for path in pages:
        response = page.goto(path)
        if response.status != 200:
            problems.append(f"{path}: status {response.status}")
            continue
        problems += [f"{path}: {violation}" for violation in axe_violations(page)]
        problems += [f"{path}: konsolfel {error}" for error in page.console_errors]
        page.console_errors.clear()
    assert pages
    assert problems == [], f"{len(problems)} fel på {len(pages)} adminsidor:\n" + "\n".join(problems)
