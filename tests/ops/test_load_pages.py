"""`make load` requests its pages without following redirects and counts anything but 200
as an error: every page it lists must answer 200 to its demo account, at the address the
portal itself links to."""

import pytest
from django.contrib.auth.models import User

from followup import demo
from loadtest.load import PAGES_FOR
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(monkeypatch) -> None:
    # One entry per actor and year: the same pages and rules, a quicker load.
    monkeypatch.setattr(demo, "ENTRIES_PER_ACTOR_AND_YEAR", 1)
    demo.load_demo()


@pytest.mark.parametrize("account", PAGES_FOR)
def test_every_page_of_the_load_benchmark_answers_200(demo_data, account):
    client = client_for(User.objects.get(username=account))
    answers = {page: client.get(page).status_code for page in PAGES_FOR[account]}
    assert answers == dict.fromkeys(PAGES_FOR[account], 200)
