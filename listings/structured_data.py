"""schema.org JobPosting JSON-LD for Google for Jobs (see DOMAIN.md)."""

import json

from django.utils.safestring import SafeString, mark_safe

from listings import vocab
from listings.links import absolute_url, outside_link
from listings.markdown import render_markdown
from listings.models import JobPosting

# What keeps posting text from closing the <script> element or opening a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _description_html(posting: JobPosting) -> str:
    """The posting's text as the sanitized HTML its page shows: Google recommends HTML."""
    parts: list[str] = [render_markdown(posting.description)]
    for heading, text in (("Requirements", posting.requirements), ("Benefits", posting.benefits)):
        if text:
            parts.append(f"<h3>{heading}</h3>{render_markdown(text)}")
    return "".join(parts)


def job_posting_data(posting: JobPosting) -> dict:
    """Every required and recommended JobPosting property that the posting's data supports.

    For an open posting only: it has been published and has a closing time.
    """
    employer = posting.employer
    published, closes = posting.published_at, posting.closes_at
    if published is None or closes is None:
        raise ValueError("Only a published posting has JobPosting markup.")
    organization: dict = {"@type": "Organization", "name": employer.name}
    if outside_link(employer.website):
        organization["sameAs"] = employer.website
    if employer.logo:
        organization["logo"] = absolute_url(employer.logo.url)
    data: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": _description_html(posting),
        "datePosted": published.isoformat(),
        # Open until the earlier of the expiry and the apply-by date.
        "validThrough": closes.isoformat(),
        "employmentType": vocab.SCHEMA_EMPLOYMENT_TYPE[posting.employment_type],
        "hiringOrganization": organization,
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": posting.city,
                "addressRegion": posting.state,
                "postalCode": posting.zip_code,
                "addressCountry": "US",
            },
        },
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": str(posting.pk)},
        "url": absolute_url(posting.get_absolute_url()),
        "directApply": posting.applies_on_site,  # applied for at /jobs/<slug>/apply/
        "educationRequirements": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": vocab.DEGREE_CREDENTIAL_CATEGORY[posting.min_degree],
        },
        "experienceRequirements": (
            {
                "@type": "OccupationalExperienceRequirements",
                "monthsOfExperience": posting.years_experience * 12,
            }
            if posting.years_experience
            else "no requirements"
        ),
        "industry": "Occupational therapy",
    }
    if posting.telehealth == vocab.Telehealth.FULL:
        # Fully remote; the applicant must be able to practise in the job's state.
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {
            "@type": "State",
            "name": vocab.State(posting.state).label,
        }
    if posting.pay_unit in vocab.SCHEMA_PAY_UNITS:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(posting.pay_min),
                "maxValue": float(posting.pay_max),
                "unitText": posting.pay_unit,
            },
        }
    return data


def job_posting_json_ld(posting: JobPosting) -> SafeString:
    """The JSON-LD, safe to place inside <script type="application/ld+json">."""
    text = json.dumps(job_posting_data(posting), ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - the only markup characters are escaped above
