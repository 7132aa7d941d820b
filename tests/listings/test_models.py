import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from listings import vocab
from listings.models import Employer, InvalidTransition, JobPosting
from tests.factories import EmployerFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)


def assert_rejected_by_database(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPostingFactory(**fields)


class TestConstraints:
    def test_pay_min_above_max_is_rejected(self):
        assert_rejected_by_database(pay_min=Decimal(60), pay_max=Decimal(50))

    def test_zero_pay_is_rejected(self):
        assert_rejected_by_database(pay_min=Decimal(0), pay_max=Decimal(50))

    def test_equal_pay_bounds_are_allowed(self):
        posting = JobPostingFactory(pay_min=Decimal(50), pay_max=Decimal(50))
        assert posting.pk

    def test_unknown_state_is_rejected_on_posting(self):
        assert_rejected_by_database(state="ZZ")

    def test_unknown_state_is_rejected_on_employer(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            EmployerFactory(state="XX")

    def test_duplicate_posting_slug_is_rejected(self):
        JobPostingFactory(slug="pediatric-ot-austin")
        assert_rejected_by_database(slug="pediatric-ot-austin")

    def test_duplicate_employer_slug_is_rejected(self):
        EmployerFactory(slug="little-steps")
        with pytest.raises(IntegrityError), transaction.atomic():
            EmployerFactory(slug="little-steps")

    def test_expiry_before_publication_is_rejected(self):
        assert_rejected_by_database(published_at=NOW, expires_at=NOW - datetime.timedelta(days=1))

    def test_published_posting_needs_dates(self):
        assert_rejected_by_database(published_at=None, expires_at=None)

    def test_external_apply_needs_url(self):
        assert_rejected_by_database(how_to_apply=vocab.HowToApply.EXTERNAL, apply_url="")

    def test_productivity_above_100_percent_is_rejected(self):
        assert_rejected_by_database(productivity_target=120)

    def test_unknown_pay_unit_is_rejected(self):
        assert_rejected_by_database(pay_unit="SHIFT")


class TestOpen:
    @time_machine.travel(NOW, tick=False)
    def test_only_published_live_unexpired_postings_are_open(self):
        live = JobPostingFactory(published_at=NOW - datetime.timedelta(days=3))
        JobPostingFactory(draft=True)
        JobPostingFactory(closed=True, published_at=NOW - datetime.timedelta(days=3))
        JobPostingFactory(
            published_at=NOW - datetime.timedelta(days=70),
            expires_at=NOW - datetime.timedelta(days=10),
        )
        JobPostingFactory(published_at=NOW + datetime.timedelta(days=1))  # scheduled

        assert list(JobPosting.objects.open()) == [live]

    def test_posting_expiring_this_second_is_no_longer_open(self):
        posting = JobPostingFactory(published_at=NOW - datetime.timedelta(days=60), expires_at=NOW)
        assert not JobPosting.objects.open(now=NOW).filter(pk=posting.pk).exists()
        assert (
            JobPosting.objects.open(now=NOW - datetime.timedelta(seconds=1))
            .filter(pk=posting.pk)
            .exists()
        )
        assert posting.is_open(now=NOW - datetime.timedelta(seconds=1))
        assert not posting.is_open(now=NOW)


class TestLifecycle:
    @time_machine.travel(NOW, tick=False)
    def test_publishing_a_draft_sets_dates_and_sixty_day_expiry(self):
        posting = JobPostingFactory(draft=True)
        posting.publish()
        posting.refresh_from_db()
        assert posting.status == vocab.PostingStatus.PUBLISHED
        assert posting.published_at == NOW
        assert posting.expires_at == NOW + datetime.timedelta(days=60)
        assert posting in JobPosting.objects.open()

    def test_publishing_twice_is_refused(self, posting):
        with pytest.raises(InvalidTransition):
            posting.publish()

    def test_closing_takes_a_posting_off_the_board(self, posting):
        posting.close()
        posting.refresh_from_db()
        assert posting.status == vocab.PostingStatus.CLOSED
        assert posting.closed_at is not None
        assert not JobPosting.objects.open().filter(pk=posting.pk).exists()

    def test_closing_a_draft_is_refused(self):
        with pytest.raises(InvalidTransition):
            JobPostingFactory(draft=True).close()

    @time_machine.travel(NOW, tick=False)
    def test_reopening_an_expired_closed_posting_gives_a_fresh_expiry(self):
        posting = JobPostingFactory(
            published_at=NOW - datetime.timedelta(days=90),
            expires_at=NOW - datetime.timedelta(days=30),
        )
        posting.close()
        posting.publish()
        assert posting.expires_at == NOW + datetime.timedelta(days=60)


class TestGeocoding:
    def test_saving_a_posting_sets_coordinates_from_its_zip(self):
        posting = JobPostingFactory(zip_code="02139", city="Cambridge", state="MA")
        posting.refresh_from_db()
        assert posting.latitude == pytest.approx(42.36, abs=0.05)
        assert posting.longitude == pytest.approx(-71.10, abs=0.05)

    def test_changing_the_zip_moves_the_posting(self, posting):
        posting.zip_code = "98101"  # Seattle
        posting.save()
        posting.refresh_from_db()
        assert posting.latitude == pytest.approx(47.61, abs=0.05)

    def test_unknown_zip_leaves_coordinates_empty_and_fails_validation(self):
        posting = JobPostingFactory(zip_code="00000")
        assert posting.latitude is None
        with pytest.raises(ValidationError) as error:
            posting.full_clean()
        assert "zip_code" in error.value.message_dict


class TestValidation:
    def test_inverted_pay_range_is_explained_next_to_the_top_of_the_range(self, posting):
        posting.pay_min, posting.pay_max = Decimal(60), Decimal(40)
        with pytest.raises(ValidationError) as error:
            posting.full_clean()
        assert "pay_max" in error.value.message_dict

    def test_zero_pay_is_explained_next_to_the_bottom_of_the_range(self, posting):
        posting.pay_min = Decimal(0)
        with pytest.raises(ValidationError) as error:
            posting.full_clean()
        assert error.value.message_dict["pay_min"] == [
            "Enter the bottom of the pay range, above zero."
        ]

    def test_a_slug_pool_numbers_many_equal_titles_in_order(self):
        from listings.preparation import SlugPool

        pool = SlugPool(taken={"school-ot"})
        claimed = [pool.claim("school-ot", max_length=80) for _ in range(4)]

        assert claimed == ["school-ot-2", "school-ot-3", "school-ot-4", "school-ot-5"]

    def test_agency_posting_must_name_its_client(self, posting):
        posting.employment_model = vocab.EmploymentModel.AGENCY_W2
        with pytest.raises(ValidationError) as error:
            posting.full_clean()
        assert "client_name" in error.value.message_dict

    def test_factory_posting_is_valid(self, posting):
        posting.full_clean()


class TestPayAnnualization:
    @pytest.mark.parametrize(
        ("unit", "pay", "annual"),
        [
            (vocab.PayUnit.HOUR, "40", "83200"),
            (vocab.PayUnit.DAY, "400", "104000"),
            (vocab.PayUnit.WEEK, "1800", "93600"),
            (vocab.PayUnit.MONTH, "7000", "84000"),
            (vocab.PayUnit.YEAR, "85000", "85000"),
            (vocab.PayUnit.VISIT, "70", "105000"),
        ],
    )
    def test_every_pay_unit_is_put_on_a_yearly_figure(self, unit, pay, annual):
        posting = JobPostingFactory(pay_unit=unit, pay_min=Decimal(pay), pay_max=Decimal(pay))
        posting.refresh_from_db()
        assert posting.pay_annual_min == Decimal(annual)
        assert posting.pay_annual_max == Decimal(annual)


class TestChoiceSets:
    def test_codes_round_trip_in_vocabulary_order(self):
        posting = JobPostingFactory(
            age_groups=[vocab.AgeGroup.TRANSITION, vocab.AgeGroup.INFANTS_TODDLERS]
        )
        posting.refresh_from_db()
        assert posting.age_groups == ["infants_toddlers", "transition"]
        assert posting.labels("age_groups") == [
            "Infants and toddlers (0-3)",
            "Transition (18-22)",
        ]

    def test_has_any_and_has_all_lookups(self):
        toddlers = JobPostingFactory(age_groups=[vocab.AgeGroup.INFANTS_TODDLERS])
        school = JobPostingFactory(age_groups=[vocab.AgeGroup.SCHOOL_AGE, vocab.AgeGroup.PRESCHOOL])
        JobPostingFactory(age_groups=[])

        any_match = JobPosting.objects.filter(
            age_groups__has_any=[vocab.AgeGroup.INFANTS_TODDLERS, vocab.AgeGroup.PRESCHOOL]
        )
        assert set(any_match) == {toddlers, school}
        all_match = JobPosting.objects.filter(
            age_groups__has_all=[vocab.AgeGroup.SCHOOL_AGE, vocab.AgeGroup.PRESCHOOL]
        )
        assert list(all_match) == [school]

    def test_unknown_code_is_a_validation_error(self, posting):
        posting.focus_areas = ["juggling"]
        with pytest.raises(ValidationError):
            posting.full_clean()


class TestSlugs:
    def test_slug_is_made_from_title_and_place_and_kept_unique(self):
        first = JobPostingFactory(title="School OT", slug="")
        second = JobPostingFactory(title="School OT", slug="")
        assert first.slug == "school-ot-austin-tx"
        assert second.slug.startswith("school-ot-austin-tx-")
        assert first.slug != second.slug

    def test_employer_slug_is_generated(self):
        employer = EmployerFactory(
            name="Little Steps Early Intervention", city="Denver", state="CO"
        )
        assert employer.slug == "little-steps-early-intervention-denver-co"
        assert Employer.objects.get(slug=employer.slug) == employer


def test_unknown_vocabulary_code_is_refused_by_the_database(posting):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobPosting.objects.filter(pk=posting.pk).update(role="physio")


def test_unicode_digits_are_not_a_zip(posting):
    posting.zip_code = "\u0661\u0662\u0663\u0664\u0665"  # Arabic-Indic 12345
    with pytest.raises(ValidationError) as error:
        posting.full_clean()
    assert "zip_code" in error.value.message_dict


def test_a_new_postings_choice_sets_are_lists_before_saving():
    from listings.models import JobPosting

    posting = JobPosting()

    assert posting.age_groups == []
    assert posting.required_credentials == []


class TestPostingWorkflow:
    """Publishing is refused until the posting is complete; extend, confirm, duplicate."""

    def test_an_incomplete_draft_cannot_be_published(self, db):
        from listings.models import InvalidTransition

        draft = JobPostingFactory(draft=True, description="", zip_code="00000")

        with pytest.raises(InvalidTransition, match="Complete the posting before publishing"):
            draft.publish()
        draft.refresh_from_db()
        assert draft.status == "draft"

    def test_publishing_confirms_it_open_today(self, db):
        draft = JobPostingFactory(draft=True)

        draft.publish()

        assert draft.last_confirmed_open == timezone.localdate()

    def test_extend_and_confirm_only_published_postings(self, db):
        from listings.models import InvalidTransition

        posting = JobPostingFactory()
        expires = posting.expires_at
        posting.extend(days=30)
        posting.confirm_open()

        assert posting.expires_at == expires + datetime.timedelta(days=30)
        assert posting.last_confirmed_open == timezone.localdate()
        with pytest.raises(InvalidTransition):
            JobPostingFactory(draft=True).extend()

    def test_duplicate_is_a_new_draft_with_the_same_content(self, db):
        posting = JobPostingFactory(title="School OT", age_groups=["preschool"])

        copy = posting.duplicate()

        assert copy.pk != posting.pk
        assert copy.slug != posting.slug
        assert copy.status == "draft"
        assert copy.published_at is None
        assert copy.title == "School OT"
        assert copy.age_groups == ["preschool"]
