from __future__ import annotations

from typing import Any

import factory

from wijkvoucher.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        return User.objects.create_user(*args, **kwargs)
