"""Postings as spreadsheet rows: imported in bulk, as drafts, into the user's own employers,
and exported from them (django-import-export; the admin side is `listings.admin.postings`).

Import adds new drafts only: an `id` cell with a value is an error on its row (an existing
posting is changed in the admin), and publishing stays the admin's guarded action. Every
row gets the admin form's validation: a widget reads each cell and says what is wrong with
it (a vocabulary code or label, a number, a date, yes or no), then `full_clean()` and the
model's check constraints run on the imported fields, as the admin form runs them on the
fields it shows (`PostingResource.validate_instance`). The employer is named by its slug
and must be one of `Employer.objects.managed_by(user)`; another employer's reads as unknown.

The preview writes nothing. Once confirmed, and only if every row is valid again, the rows
are prepared as `save()` prepares them (`listings.preparation.prepare_posting`, with one
slug pool for the file, its taken slugs read ahead in one query) and inserted in batches
in one transaction: about one statement per 500 rows, 10 s for 5,000 on a 2-core machine.
On PostgreSQL the catalogue-change triggers run at commit (migration 0008), so the import
holds no lock that other saves wait for; its commit logs a change per posting, and past
`MAX_INCREMENTAL` (2,000) each process rebuilds its search index once, then follows the
change log again (tests/listings/test_transfer.py measures both).
"""

import functools
import operator
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.fields import NOT_PROVIDED
from django.db.models.functions import Left
from django.db.models.lookups import In
from import_export import fields, resources, widgets  # type: ignore[import-untyped]
from import_export.results import Result  # type: ignore[import-untyped]

from listings.fields import ChoiceSetField
from listings.models import Employer, JobPosting
from listings.preparation import SlugPool, prepare_posting
from listings.spreadsheets import (
    AmountWidget,
    ChoiceSetWidget,
    DateWidget,
    MomentWidget,
    TextWidget,
    VocabularyWidget,
    WholeNumberWidget,
    YesNoWidget,
    ZipWidget,
    csv_cell,
    shown,
    text_of,
)
from listings.transfer.constraints import check_constraints

# Set by publishing and the lifecycle actions, never typed in: exported, not imported.
LIFECYCLE = ("slug", "status", "published_at", "expires_at", "last_confirmed_open")
IMPORTED = tuple(
    f.name
    for f in JobPosting._meta.concrete_fields
    if f.editable and not f.primary_key and f.name not in LIFECYCLE
)
EXPORTED_ONLY = ("id", *LIFECYCLE, "closed_reason")
FIELDS = {f.name: f for f in JobPosting._meta.concrete_fields}
# The admin form validates only the fields it shows; the import, the fields it imports.
NOT_VALIDATED = frozenset(f.name for f in JobPosting._meta.fields) - set(IMPORTED)
WRITE_BATCH = 500


class EmployerWidget(widgets.Widget):
    """An employer the user manages, by slug; blank means their only employer."""

    accepts = "your employer's slug (blank: your only employer)"

    def __init__(self, user=None):
        super().__init__()
        self.managed = Employer.objects.managed_by(user)
        self.found: dict[str, Employer | None] = {}

    def _only(self) -> Employer | None:
        if "" not in self.found:
            two = list(self.managed[:2])
            self.found[""] = two[0] if len(two) == 1 else None
        return self.found[""]

    def clean(self, value, row=None, **kwargs):
        slug = text_of(value).lower()
        if not slug:
            employer = self._only()
        elif slug in self.found:
            employer = self.found[slug]
        else:
            employer = self.found[slug] = self.managed.filter(slug=slug).first()
        if employer is None:
            # Another employer's slug reads as an unknown one: nothing said about it.
            raise ValueError(
                "Name one of your employers by its slug (the end of its page's address)"
                + ("." if not slug else f": {shown(slug)} is not one of them.")
            )
        return employer

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""


def _widget(model_field: models.Field) -> widgets.Widget:
    if isinstance(model_field, ChoiceSetField):
        return ChoiceSetWidget(model_field.vocabulary.choices)
    if model_field.choices:
        return VocabularyWidget(model_field.flatchoices)
    if isinstance(model_field, models.BooleanField):
        return YesNoWidget(nullable=model_field.null)
    if isinstance(model_field, models.DecimalField):
        return AmountWidget()
    if isinstance(model_field, models.IntegerField):
        return WholeNumberWidget()
    if isinstance(model_field, models.DateTimeField):
        return MomentWidget()
    if isinstance(model_field, models.DateField):
        return DateWidget()
    if model_field.name == "zip_code":
        return ZipWidget()
    if isinstance(model_field, models.ForeignKey):
        return EmployerWidget()
    return TextWidget()


class ImportResult(Result):
    """What the preview shows besides rows: the title of each invalid row, and the
    columns of the file that are not imported."""

    ignored_columns: tuple[str, ...] = ()

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number, row, validation_error)
        self.invalid_rows[-1].title = text_of(row.get("title"))


class PostingSlugPool(SlugPool):
    """The slugs a file's postings may collide with: those taken in the database under the
    bases they start from (read for many bases at once), and those the file claims."""

    def __init__(self):
        super().__init__()
        self.read: set[str] = set()

    def read_bases(self, bases: Iterable[str]) -> None:
        wanted = set(bases) - self.read
        if not wanted:
            return
        if len(wanted) == 1:  # by the slug index
            starts = Q(slug__startswith=next(iter(wanted)))
        else:  # one pass over the slugs for them all
            by_length: dict[int, list[str]] = {}
            for base in wanted:
                by_length.setdefault(len(base), []).append(base)
            starts = functools.reduce(
                operator.or_,
                (Q(In(Left("slug", length), sorted(group))) for length, group in by_length.items()),
            )
        self.taken.update(
            JobPosting.objects.filter(starts).order_by().values_list("slug", flat=True)
        )
        self.read |= wanted

    def claim(self, base: str, *, max_length: int) -> str:
        self.read_bases([base])  # a base the reading ahead missed: one query
        return super().claim(base, max_length=max_length)


class _Bases(SlugPool):
    """Records the bases `prepare_posting` would claim slugs from, claiming nothing."""

    def __init__(self):
        super().__init__()
        self.bases: list[str] = []

    def claim(self, base: str, *, max_length: int) -> str:
        self.bases.append(base)
        return base


class PostingResource(resources.ModelResource):
    """Postings for one user: imported into their employers, exported from them."""

    class Meta:
        model = JobPosting
        fields = (*IMPORTED, *EXPORTED_ONLY)
        export_order = ("id", *IMPORTED, *EXPORTED_ONLY[1:])
        force_init_instance = True  # new drafts only: never looks a posting up
        use_bulk = True
        batch_size = None  # written together once every row is valid (`bulk_create`)
        skip_diff = True
        store_instance = True  # the preview lists what each row becomes
        report_skipped = False

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.fields["employer"].widget = EmployerWidget(user)
        self.slugs = PostingSlugPool()
        self.ignored_columns: tuple[str, ...] = ()
        self._import_fields: list[fields.Field] | None = None

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return fields.Field(
            attribute=field_name,
            column_name=field_name,
            widget=_widget(django_field),
            readonly=field_name in EXPORTED_ONLY,
            # A blank cell takes the model's default, as the admin form starts with it.
            default=django_field.default if django_field.has_default() else NOT_PROVIDED,
        )

    @classmethod
    def get_result_class(cls):
        return ImportResult

    @classmethod
    def column_guide(cls) -> list[tuple[str, str, bool, str]]:
        """Each imported column: its name, what it is, whether it is required, what it
        takes (shown on the import page)."""
        guide = []
        for name in IMPORTED:
            f = FIELDS[name]
            required = not (f.blank or f.has_default()) or name == "employer"
            guide.append((name, str(f.verbose_name), required, cls.fields[name].widget.accepts))
        return guide

    def get_import_fields(self):
        if self._import_fields is None:  # asked for every row
            self._import_fields = [f for f in super().get_import_fields() if not f.readonly]
        return self._import_fields

    # Import ----------------------------------------------------------------------------------
    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """A preview writes nothing (rows wait in memory), so it holds no transaction (on
        SQLite that would lock out every other writer for its length). A confirmed import
        is one transaction, rolled back if any row is invalid."""
        kwargs.pop("use_transactions", None)
        kwargs.pop("rollback_on_validation_errors", None)
        if dry_run:
            collect = kwargs.pop("collect_failed_rows", False)
            return self.import_data_inner(dataset, True, raise_errors, False, collect, **kwargs)
        return super().import_data(
            dataset,
            dry_run=False,
            raise_errors=raise_errors,
            use_transactions=True,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    def before_import(self, dataset, **kwargs):
        """Columns are matched by name or label in any case ("Pay min", "minimum degree");
        an employer column is added when missing (blank: the user's only employer)."""
        names = {}
        for name in (*IMPORTED, *EXPORTED_ONLY):
            names[name] = name
            names[_key(str(FIELDS[name].verbose_name))] = name
        headers: list[str] = []
        ignored: list[str] = []
        for header in dataset.headers:
            known = names.get(_key(text_of(header)))
            if known in headers:
                raise ValueError(f"Two columns are named {known}: keep one of them.")
            headers.append(known or text_of(header))
            if (known is None or known in LIFECYCLE) and text_of(header):
                ignored.append(text_of(header))
        dataset.headers = headers
        if "employer" not in headers and len(dataset):
            dataset.append_col([""] * len(dataset), header="employer")
        self.ignored_columns = tuple(ignored)
        self._read_slugs_ahead(dataset)

    def _read_slugs_ahead(self, dataset) -> None:
        """The taken slugs any row may collide with, in one query rather than one a row:
        the bases are found as `prepare_posting` finds them."""
        bases, posting = _Bases(), JobPosting()
        named = [name for name in ("title", "city", "state") if name in dataset.headers]
        for values in dataset.dict:
            try:
                for name in named:
                    setattr(posting, name, self.fields[name].clean(values))
            except ValueError:  # a cell its row will report
                continue
            posting.slug = ""
            prepare_posting(posting, slugs=bases)
        self.slugs.read_bases(bases.bases)

    def before_import_row(self, row, **kwargs):
        if text_of(row.get("id")):
            raise ValidationError(
                {
                    "id": f"This row names posting {text_of(row['id'])}: importing adds new "
                    "drafts only. Change that posting in the admin, or empty the id column "
                    "to add this row as a new draft."
                }
            )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return all(not text_of(value) for value in row.values())

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # The employer was found among the user's own (EmployerWidget); the slug is set
        # when the row is prepared.
        exclude = set(NOT_VALIDATED) | {"employer"} | set(errors)
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            check_constraints(instance, exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        prepare_posting(instance, slugs=self.slugs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Every row at once, once all are valid (never in a preview)."""
        try:
            invalid = result is not None and (result.has_errors() or result.has_validation_errors())
            if self.create_instances and not dry_run and not invalid:
                JobPosting.objects.bulk_create(self.create_instances, batch_size=WRITE_BATCH)
        except Exception as error:  # e.g. a slug another save took meanwhile: all rolled back
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def after_import(self, dataset, result, **kwargs):
        # Not ModelResource's: it resets the id sequence (no id is imported here), which
        # could hand out an id another transaction is inserting.
        result.ignored_columns = self.ignored_columns

    # Export ----------------------------------------------------------------------------------
    def filter_export(self, queryset, **kwargs):
        return queryset.managed_by(self.user)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return csv_cell(value) if isinstance(value, str) else value


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
