"""A set of vocabulary codes stored as an integer bitmask.

Multi-valued facts (age groups, focus areas, required credentials) must filter and count
fast on both PostgreSQL and SQLite; a bitmask does both with one integer column and the
`has_any` / `has_all` lookups, where an ArrayField would tie us to PostgreSQL and a
many-to-many table would add a join to every listing query.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Lookup


class ChoiceSetField(models.Field):
    description = "A set of codes from a TextChoices vocabulary, stored as a bitmask"

    def __init__(self, *args, vocabulary: type[models.TextChoices] | None = None, **kwargs):
        if vocabulary is None:
            raise TypeError("ChoiceSetField needs a vocabulary (a TextChoices class).")
        self.vocabulary: type[models.TextChoices] = vocabulary
        self._codes: tuple[str, ...] = tuple(vocabulary.values)  # bit i is code i
        self._index = {code: bit for bit, code in enumerate(self._codes)}
        self._decoded: dict[int, tuple[str, ...]] = {}  # mask -> codes, filled as rows load
        kwargs.setdefault("default", 0)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def get_internal_type(self) -> str:
        # A bigint column underneath; not an IntegerField subclass, so that the admin and
        # the range validators never treat the Python value (a list) as a number.
        return "BigIntegerField"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["vocabulary"] = self.vocabulary
        return name, path, args, kwargs

    # Conversions -------------------------------------------------------------------
    @property
    def codes(self) -> list[str]:
        return list(self._codes)

    def to_mask(self, value) -> int:
        """Codes (or an int mask) to an int mask; unknown codes raise ValidationError."""
        if value is None or value == "":
            return 0
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            value = [value]
        mask = 0
        for code in value:
            try:
                mask |= 1 << self._index[str(code)]
            except KeyError:
                raise ValidationError(
                    "%(value)s is not one of the allowed values.",
                    code="invalid_choice",
                    params={"value": code},
                ) from None
        return mask

    def get_default(self):
        """The default as a new instance holds it: a list of codes, like a loaded one (the
        declared default stays the mask 0, which migrations record)."""
        default = super().get_default()
        return self.to_codes(default) if isinstance(default, int) else default

    def to_codes(self, mask: int) -> list[str]:
        """The codes of a mask, as a new list (loading a row decodes every set field)."""
        decoded = self._decoded.get(mask)
        if decoded is None:
            decoded = tuple(code for bit, code in enumerate(self._codes) if mask & (1 << bit))
            if len(self._decoded) < 65_536:  # a field has few distinct sets; bound it anyway
                self._decoded[mask] = decoded
        return list(decoded)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        return self.to_codes(int(value))

    def to_python(self, value):
        if value is None:
            return []
        return self.to_codes(self.to_mask(value))

    def get_prep_value(self, value):
        return self.to_mask(value)

    def value_to_string(self, obj) -> str:
        return ",".join(self.to_codes(self.to_mask(self.value_from_object(obj))))

    def validate(self, value, model_instance):
        self.to_mask(value)
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        options: dict[str, Any] = {
            "choices": self.vocabulary.choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name[:1].upper() + self.verbose_name[1:],
            "help_text": self.help_text,
            **kwargs,
        }
        form_class = options.pop("form_class", None) or forms.TypedMultipleChoiceField
        return form_class(**options)

    def labels(self, codes: Iterable[str]) -> list[str]:
        names = dict(self.vocabulary.choices)
        return [names[code] for code in codes]


@ChoiceSetField.register_lookup
class HasAny(Lookup):
    """`field__has_any=[codes]`: the stored set shares at least one code."""

    lookup_name = "has_any"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [self.lhs.output_field.to_mask(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) <> 0", (*lhs_params, *rhs_params)


@ChoiceSetField.register_lookup
class HasAll(Lookup):
    """`field__has_all=[codes]`: the stored set contains every code."""

    lookup_name = "has_all"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [self.lhs.output_field.to_mask(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) = {rhs}", (*lhs_params, *rhs_params, *rhs_params)
