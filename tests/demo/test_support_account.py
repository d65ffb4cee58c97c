"""The demo's support desk account: staff for the Django admin, member of no municipality."""

from django.contrib.auth import get_user_model

from demo.data.base import DEMO_PASSWORD
from demo.management.commands.seed_demo import seed_support_account


def test_the_demo_has_one_support_account_for_the_admin(db):
    seed_support_account()
    email = seed_support_account()  # again: nothing changes
    (user,) = get_user_model().objects.filter(username=email)
    assert user.is_staff and user.check_password(DEMO_PASSWORD)
    assert not user.memberships.exists()
