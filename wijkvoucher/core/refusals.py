"""Refusing with every problem at once (issue #9: "a form reports all its errors at
once"). A service runs each independent check inside ``Refusals.check`` and calls
``raise_all`` when done: a person who made three mistakes hears about all three,
not one per try. One problem is raised as itself, so its ``code`` stays readable;
several are raised as one ``ValidationError`` whose ``error_list`` keeps each code
(``core.forms.add_refusal`` puts each at its field)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError

_T = TypeVar("_T")


class Refusals:
    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def add(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            self.errors.append(error)
            return
        self.errors.extend(error.error_list)

    def check(self, check: Callable[[], _T], fallback: _T) -> _T:
        """The result of ``check()``, or ``fallback`` when it refuses (the refusal
        is kept for ``raise_all``)."""
        try:
            return check()
        except ValidationError as error:
            self.add(error)
            return fallback

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_all(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationError(self.errors)
