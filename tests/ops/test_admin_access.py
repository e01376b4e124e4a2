"""Django admin is for staff only: every registered model's pages, for every role."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _admin_pages() -> list[str]:
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    return pages


@pytest.mark.parametrize("role", ["anonymous", "developer_vgr", "bhu_member"])
def test_admin_sends_everyone_but_staff_to_the_admin_sign_in(request, role: str):
    user: User | None = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    for page in _admin_pages():
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith(reverse("admin:login")), page


def test_admin_opens_every_list_and_form_for_staff(admin_user: User, rf):
    client = client_for(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200
    request = rf.get("/admin/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        # Some lists (axes' sign-in records) are read-only by design: adding is refused.
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        expected = 200 if model_admin.has_add_permission(request) else 403
        assert client.get(add).status_code == expected, add


def test_non_staff_cannot_change_anything_through_admin(developer_vgr: User):
    client = client_for(developer_vgr)
    response = client.post(reverse("admin:auth_user_change", args=[developer_vgr.pk]), {"is_staff": "on"})
    assert response.status_code == 302
    developer_vgr.refresh_from_db()
    assert developer_vgr.is_staff is False
