"""What the browser, text-browser and no-script tests share: tool checks, a real PDF résumé,
and a site with some life in it (an employer, a job, an applicant, posts, messages)."""

import os
import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(available: bool, what: str, how_to_install: str) -> None:
    """Skip on a developer's machine without the tool; in CI (CI=true) its absence fails."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing in CI; .ci/run must install it ({how_to_install})")
    pytest.skip(f"{what} is not installed here ({how_to_install}); CI runs this test")


def require_w3m() -> str:
    path = shutil.which("w3m")
    require(path is not None, "w3m", "apt-get install -y w3m")
    return path


def tiny_pdf(*lines: str) -> bytes:
    """A small, valid one-page PDF with the given lines of text (Helvetica, ASCII)."""
    text = "BT /F1 14 Tf 72 720 Td 18 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines
    )
    stream = text.encode("ascii") + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@dataclass
class BusySite:
    """The people and things of a site in use, for pages that need something on them."""

    employer: object
    seeker: object
    job: object
    closed_job: object
    application: object
    post: object


def build_busy_site(make_user, make_job) -> BusySite:
    """An employer with an open and a closed job, a seeker who applied (with a résumé), follows
    the employer, liked and commented on their post, exchanged messages, saved the job, keeps an
    alert, and was told the application moved on — all through the services the pages use."""
    from hiremebahamas.alerts.services import save_alert
    from hiremebahamas.extensions import db
    from hiremebahamas.jobs import services as jobs
    from hiremebahamas.messages import services as messages
    from hiremebahamas.social import services as social
    from hiremebahamas.timezone import nassau_today

    employer = make_user(
        "employer",
        username="coralreef",
        email="hr@coralreef.example",
        name="Dawn Ferguson",
        company_name="Coral Reef Resort",
        headline="Family-run resort on Exuma",
    )
    seeker = make_user(
        username="keisha",
        email="keisha@example.com",
        name="Keisha Rolle",
        headline="Front desk and guest services",
        island="new-providence",
        open_to_work=True,
    )
    job = jobs.post_job(  # as the form does: published, on the record, announced to followers
        employer,
        {
            "title": "Guest Services Agent",
            "description": "Welcome guests at the front desk.\n\nWeekend shifts included.",
            "island": "exuma",
            "location": "George Town",
            "category": "hospitality-tourism",
            "employment_type": "full-time",
            "workplace": "on-site",
            "salary_min": 1900,
            "salary_max": 2300,
            "salary_period": "month",
            "closes_on": nassau_today() + timedelta(days=21),
            "permit": "bahamians",
        },
    )
    closed_job = make_job(employer, title="Night Auditor", status="closed")
    application = jobs.apply_to_job(
        job,
        seeker,
        "I have five years at the front desk of a Nassau hotel and love Exuma.",
        ("keisha-rolle.pdf", tiny_pdf("Keisha Rolle", "Front desk, 5 years")),
    )
    jobs.change_status(application, "reviewing", employer)
    jobs.save_job(job, seeker)
    save_alert(seeker, {"q": "front desk", "island": "exuma", "frequency": "weekly"})
    social.follow(seeker, employer)
    post = social.publish_post(employer, "We're hiring for the winter season on Exuma!")
    social.like(post, seeker)
    social.add_comment(post, seeker, "Just applied: see you in George Town!")
    messages.send_message(seeker, employer, "Hello, is the guest services job still open?")
    messages.send_message(employer, seeker, "It is! We read every application this week.")
    db.session.commit()
    return BusySite(employer, seeker, job, closed_job, application, post)


# Figures the lead quotes (page weight, axe results): shown at the end of the pytest run and
# written to test-artifacts/.
FINDINGS: dict[str, list[str]] = {}


def report(section: str, lines: list[str], filename: str) -> None:
    FINDINGS[section] = lines
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / filename).write_text("\n".join([section, *lines]) + "\n")
