"""Which facts a posting page shows, and which missing ones it names "Not stated by employer"."""

import pytest

from listings import posting_facts, vocab
from tests.factories import JobPostingFactory


def facts(posting, section) -> dict[str, str | None]:
    return dict(getattr(posting_facts, section)(posting))


def build(**fields):
    return JobPostingFactory.build(**fields)


def test_a_school_posting_without_a_caseload_says_so():
    school = build(setting=vocab.Setting.SCHOOL, role=vocab.Role.SCHOOL_OT)
    assert facts(school, "workload")["Caseload"] is None
    clinic = build(setting=vocab.Setting.OUTPATIENT_CLINIC)
    assert "Caseload" not in facts(clinic, "workload")


def test_a_stated_caseload_reads_in_words():
    school = build(setting="school", caseload_direct=42, caseload_consult=12)
    assert (
        facts(school, "workload")["Caseload"] == "42 direct-service students, 12 consult students"
    )


@pytest.mark.parametrize(
    ("role", "setting", "named"),
    [
        (vocab.Role.PEDIATRIC_OT, vocab.Setting.HOSPITAL, True),
        (vocab.Role.COTA, vocab.Setting.PRIVATE_PRACTICE, True),
        (vocab.Role.OT_TECHNICIAN, vocab.Setting.OUTPATIENT_CLINIC, False),  # aides aren't billed
        (vocab.Role.PEDIATRIC_OT, vocab.Setting.EARLY_INTERVENTION, False),
    ],
)
def test_a_missing_productivity_target_is_named_where_clinics_set_one(role, setting, named):
    workload = facts(build(role=role, setting=setting), "workload")
    assert ("Productivity target" in workload and workload["Productivity target"] is None) == named


def test_mileage_is_named_missing_only_where_the_job_travels():
    assert facts(build(setting="home_community"), "workload")["Mileage and drive time"] is None
    assert facts(build(sites_count=3), "workload")["Mileage and drive time"] is None
    assert facts(build(drivers_license_required=True), "workload")["Mileage and drive time"] is None
    assert "Mileage and drive time" not in facts(build(sites_count=1), "workload")


def test_mentorship_is_named_missing_where_new_graduates_are_welcome():
    welcoming = build(years_experience=0)
    assert facts(welcoming, "support")["New-graduate mentorship"] is None
    assert "New-graduate mentorship" not in facts(build(years_experience=3), "support")
    aide = build(role=vocab.Role.OT_TECHNICIAN, years_experience=0, licensure_status="none")
    assert "New-graduate mentorship" not in facts(aide, "support")
    formal = build(years_experience=0, mentorship="formal", mentorship_weeks=12)
    assert (
        facts(formal, "support")["New-graduate mentorship"]
        == "Formal mentorship program (12 weeks)"
    )


def test_cota_supervision_is_named_missing_on_cota_postings_only():
    assert facts(build(role=vocab.Role.COTA), "support")["How COTAs are supervised"] is None
    assert "How COTAs are supervised" not in facts(build(), "support")


def test_the_employment_model_is_always_listed_and_named_when_missing():
    assert facts(build(employment_model=""), "at_a_glance")["Employment model"] is None
    assert facts(build(employment_model="employee"), "at_a_glance")["Employment model"] == (
        "Employee of the organization (W-2)"
    )


def test_sections_without_facts_are_left_out_but_glance_and_pay_always_show():
    posting = build(setting="outpatient_clinic", role=vocab.Role.OT_TECHNICIAN,
                    licensure_status="none", years_experience=2)  # fmt: skip
    keys = [s["key"] for s in posting_facts.sections(posting)]
    assert keys[:2] == ["glance", "pay"]
    assert "calendar" not in keys


def test_a_card_shows_the_one_workload_figure_it_has_room_for():
    assert posting_facts.workload_summary(build(caseload_direct=40, caseload_consult=5)) == (
        "Caseload 40 direct + 5 consult"
    )
    assert posting_facts.workload_summary(build(productivity_target=80)) == "Productivity 80%"
    assert posting_facts.workload_summary(build()) == ""


@pytest.mark.django_db
def test_the_posting_page_shows_not_stated_for_a_missing_caseload(client):
    posting = JobPostingFactory(setting="school", role="school_ot")
    page = client.get(posting.get_absolute_url()).text
    caseload = page[page.index("<dt>Caseload</dt>") :][:200]
    assert "Not stated by employer" in caseload
