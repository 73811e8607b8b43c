"""schema.org JobPosting JSON-LD for a job page (what search engines read)."""

import json
from datetime import datetime, time

from markupsafe import Markup

from ..models import Job
from ..timezone import NASSAU, to_nassau
from ..vocab import ISLANDS, PERMITS

EMPLOYMENT_TYPE = {
    "full-time": "FULL_TIME",
    "part-time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "seasonal": "TEMPORARY",
    "internship": "INTERN",
}
UNIT = {"hour": "HOUR", "month": "MONTH", "year": "YEAR"}


def job_posting(job: Job, job_url: str, employer_url: str) -> dict:
    """The JobPosting object: Google's required properties and the recommended ones."""
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description,
        "identifier": {
            "@type": "PropertyValue",
            "name": job.employer.display_name,
            "value": str(job.id),
        },
        "datePosted": to_nassau(job.created_at).date().isoformat(),
        "validThrough": datetime.combine(job.closes_on, time(23, 59), NASSAU).isoformat(),
        "employmentType": EMPLOYMENT_TYPE.get(job.employment_type, "OTHER"),
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.employer.display_name,
            "sameAs": employer_url,
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": job.location,
                "addressRegion": ISLANDS.get(job.island, job.island),
                "addressCountry": "BS",
            },
        },
        "directApply": True,
        "url": job_url,
        "eligibilityToWorkRequirement": PERMITS.get(job.permit, ""),
    }
    if job.workplace == "remote" or job.island == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "Bahamas"}
    if job.salary_min is not None or job.salary_max is not None:
        value = {
            "@type": "QuantitativeValue",
            "unitText": UNIT.get(job.salary_period or "", "YEAR"),
        }
        if job.salary_min is not None:
            value["minValue"] = job.salary_min
        if job.salary_max is not None:
            value["maxValue"] = job.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "BSD", "value": value}
    return data


def json_ld(data: dict) -> Markup:
    """A <script type="application/ld+json"> block, safe against </script> in the text."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))
