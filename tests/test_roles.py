import pytest
from django.contrib.auth.models import AnonymousUser, Group

from strategy import roles
from strategy.models import Actor
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Regionutvecklare", "BHU"}


def test_developer_edits_only_own_actors(developer_vgr):
    assert roles.is_developer(developer_vgr)
    assert list(roles.editable_actors(developer_vgr).values_list("short_name", flat=True)) == ["VGR"]
    assert not roles.can_read_all(developer_vgr)
    assert roles.can_read_reports(developer_vgr)


def test_bhu_reads_all_and_edits_nothing(bhu_member):
    assert roles.can_read_all(bhu_member)
    assert not roles.editable_actors(bhu_member).exists()


def test_admin_reads_all(admin_user):
    assert roles.is_admin(admin_user)
    assert roles.can_read_all(admin_user)


def test_anonymous_has_no_role():
    anonymous = AnonymousUser()
    assert not roles.can_read_reports(anonymous)
    assert not roles.editable_actors(anonymous).exists()


def test_navigation_shows_admin_link_only_to_staff(admin_user, bhu_member):
    assert "Administration" in client_for(admin_user).get("/").content.decode()
    assert "Administration" not in client_for(bhu_member).get("/").content.decode()


def test_admin_site_is_closed_to_non_staff(bhu_member, developer_vgr):
    for user in (bhu_member, developer_vgr, None):
        response = client_for(user).get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_sign_in_and_out(client, developer_vgr):
    from tests.conftest import PASSWORD

    response = client.post("/konto/logga-in/", {"username": developer_vgr.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "Logga ut" in client.get("/").content.decode()
    client.post("/konto/logga-ut/")
    assert "Logga in" in client.get("/").content.decode()


def test_compiler_group_exists_after_migration():
    assert Group.objects.filter(name=roles.COMPILER_GROUP).exists()


def test_compiler_reads_all_runs_the_round_and_edits_nothing(compiler):
    assert roles.can_read_all(compiler) and roles.can_run_round(compiler)
    assert not roles.editable_actors(compiler).exists() and not roles.is_admin(compiler)


def test_bhu_does_not_run_the_round(bhu_member):
    assert not roles.can_run_round(bhu_member)


def test_develops_for_only_own_actor(developer_vgr):
    assert roles.develops_for(developer_vgr, Actor.objects.get(short_name="VGR"))
    assert not roles.develops_for(developer_vgr, Actor.objects.get(short_name="GR"))
