"""Forgotten password by e-mail, end to end, and changing it while signed in."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from strategy.addresses import unscoped_reverse
from tests.conftest import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Ett-helt-nytt-losen-2024"


def test_reset_by_mail_link_followed_sets_the_new_password(client):
    make_user("glomsk", email="glomsk@example.se")
    response = client.post(reverse("password_reset"), {"email": "glomsk@example.se"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.subject == "Nytt lösenord till VG2020 uppföljning" and "glomsk" in message.body
    link = re.search(r"http://testserver(/konto/losenord/nytt/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == unscoped_reverse("password_reset_complete")
    assert User.objects.get(username="glomsk").check_password(NEW_PASSWORD)
    # The link works once.
    assert "Länken gäller inte längre" in client.get(link, follow=True).content.decode()


def test_reset_says_the_same_whether_or_not_the_address_exists(client):
    make_user("finns", email="finns@example.se")
    known = client.post(reverse("password_reset"), {"email": "finns@example.se"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "finns-inte@example.se"}, follow=True)
    assert known.content.decode() == unknown.content.decode()
    assert len(mail.outbox) == 1


def test_sign_in_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_signed_in_user_changes_the_password(developer_vgr):
    client = client_for(developer_vgr)
    assert unscoped_reverse("password_change") in client.get(reverse("strategy:home")).content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("password_change_done")
    developer_vgr.refresh_from_db()
    assert developer_vgr.check_password(NEW_PASSWORD)


def test_a_wrong_old_password_changes_nothing_and_says_so_in_swedish(developer_vgr):
    response = client_for(developer_vgr).post(
        reverse("password_change"),
        {"old_password": "fel", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert "lösenord" in response.content.decode().lower()
    developer_vgr.refresh_from_db()
    assert developer_vgr.check_password(PASSWORD)
