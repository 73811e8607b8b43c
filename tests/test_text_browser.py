"""The site in a text browser: w3m renders each key page as plain text, and a person finds the
content, the links and the form fields they need — no CSS, no script, no pictures.

Without w3m these tests skip on a developer's machine and fail in CI (CI=true).
"""

import re
import subprocess
from dataclasses import dataclass

import pytest

from .conftest import PASSWORD, submit
from .e2e.support import build_busy_site, require_w3m

COLUMNS = 100


@dataclass
class TextPage:
    """A page as w3m dumps it, with each link and field numbered like [3]Jobs or [7][____]."""

    text: str
    targets: dict[str, str]  # link number -> where it goes (a site path or #anchor)

    @property
    def plain(self) -> str:
        """What a person reads: no link numbers, every run of spaces and newlines as one."""
        return " ".join(re.sub(r"\[\d+\]", "", self.text).split())

    def link(self, label: str) -> str:
        """Where the first link whose text starts with `label` goes."""
        words = r"\s+".join(re.escape(word) for word in label.split())
        match = re.search(r"\[(\d+)\]" + words, self.text)
        assert match and match.group(1) in self.targets, f"no link {label!r} in\n{self.text}"
        return self.targets[match.group(1)]

    def has_field(self, label: str, shown: str = "") -> bool:
        """A labelled field as w3m draws it: `Label [value ]` for a text box or a menu,
        `(*) Label` for a radio button, `[ ] Label` for a checkbox."""
        if label.startswith(("(", "[")):
            return label in self.plain
        return re.search(re.escape(label) + r"\s*\[" + re.escape(shown), self.plain) is not None


@pytest.fixture(scope="module")
def w3m():
    return require_w3m()


@pytest.fixture
def read(w3m):
    """Render a response as w3m shows it (`w3m -dump`, links numbered)."""

    def render(response) -> TextPage:
        # w3m reads the page from stdin; the <base> tells it the page's address, as if it had
        # fetched it, so relative links ("?page=2") resolve the way a browser resolves them.
        origin = "http://hiremebahamas.test"
        base = f'<base href="{origin}{response.request.full_path.rstrip("?")}">'
        html = response.get_data(as_text=True).replace("<head>", f"<head>{base}", 1)
        command = [w3m, "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8"]
        command += ["-cols", str(COLUMNS), "-o", "display_link_number=1"]
        result = subprocess.run(
            command, input=html.encode(), capture_output=True, check=True, timeout=30
        )
        body, _, references = result.stdout.decode("utf-8").partition("\nReferences:\n")
        targets = {
            number: target.removeprefix(origin)
            for number, target in re.findall(r"^\[(\d+)\] (\S+)$", references, re.MULTILINE)
        }
        return TextPage(body, targets)

    return render


@pytest.fixture
def busy_site(db, make_user, make_job):
    return build_busy_site(make_user, make_job)


def sign_in(client, email: str) -> None:
    response = submit(client, "/auth/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 303


def test_home_reads_as_text_with_its_search_form_and_links(client, read, busy_site):
    page = read(client.get("/"))
    assert page.text.lstrip().startswith("[1]Skip to content")
    assert page.link("Skip to content") == "/#main"
    assert "Find your next job in the Bahamas" in page.plain
    assert page.has_field("What") and page.has_field("Where", "All islands")
    assert "Search jobs" in page.plain
    assert page.link("Guest Services Agent") == f"/jobs/{busy_site.job.id}"
    assert page.link("Exuma") == "/jobs/list?island=exuma"
    assert "Exuma 1" in page.plain and "Abaco 0" in page.plain  # counts, not only badges
    assert page.link("Sign in") == "/auth/login"
    assert page.link("Join free") == "/auth/register"


def test_job_search_reads_as_text_with_every_filter_and_page_links(
    client, read, make_user, make_job
):
    employer = make_user("employer", company_name="Bay Street Bank")
    for n in range(1, 23):
        make_job(employer, title=f"Teller {n:02d}", category="financial-services")
    page = read(client.get("/jobs/list?category=financial-services"))
    assert "Jobs matching your search" in page.plain
    assert "22 jobs · page 1 of 2" in page.plain
    for label, shown in [
        ("Keywords", ""),
        ("Island", "All islands"),
        ("Category", "Financial services"),
        ("Job type", "Any type"),
        ("Workplace", "On-site, hybrid or remote"),
        ("Work eligibility", "Any"),
        ("Minimum salary (BSD per year)", ""),
        ("Sort by", ""),
    ]:
        assert page.has_field(label, shown), label
    assert "Show jobs" in page.plain
    assert page.link("Next") == "/jobs/list?category=financial-services&page=2"
    assert page.link("2") == "/jobs/list?category=financial-services&page=2"
    assert page.link("Clear all filters") == "/jobs/list"
    assert page.link("Teller 22").startswith("/jobs/")

    second = read(client.get("/jobs/list?category=financial-services&page=2"))
    assert "22 jobs · page 2 of 2" in second.plain
    assert second.link("Previous") == "/jobs/list?category=financial-services&page=1"


def test_a_job_reads_as_text_without_its_structured_data(client, read, busy_site):
    page = read(client.get(f"/jobs/{busy_site.job.id}"))
    assert "Guest Services Agent" in page.plain
    assert "Salary $1,900–$2,300 BSD per month" in page.plain
    assert "Welcome guests at the front desk." in page.plain
    assert "Weekend shifts included." in page.plain
    assert "JobPosting" not in page.text and "@context" not in page.text
    assert page.link("Sign in to apply").startswith("/auth/login?next=")
    assert page.link("Coral Reef Resort") == "/u/coralreef"


def test_a_closed_job_says_so_as_text(client, read, busy_site):
    page = read(client.get(f"/jobs/{busy_site.closed_job.id}"))
    assert "This job is no longer accepting applications." in page.plain
    assert "Sign in to apply" not in page.plain


def test_sign_in_and_join_forms_read_as_text(client, read):
    login = read(client.get("/auth/login"))
    assert login.has_field("Email") and login.has_field("Password")
    assert login.has_field("[ ] Keep me signed in on this device")
    assert login.link("Forgot your password?") == "/auth/reset"
    assert login.link("Create an account") == "/auth/register"

    join = read(client.get("/auth/register"))
    assert join.has_field("(*) Job seeker") and join.has_field("( ) Employer")
    for label in ("Your name", "Company name (employers)", "Username", "Email", "Password"):
        assert join.has_field(label), label
    assert "3–30 letters, digits or underscores" in join.plain  # the hint is read too
    assert "Create my account" in join.plain


def test_a_seeker_applies_reads_messages_and_notifications_as_text(
    client, read, busy_site, make_job
):
    site = busy_site
    other = make_job(site.employer, title="Pool Attendant", island="exuma")
    sign_in(client, site.seeker.email)

    home = read(client.get("/"))
    assert "Messages 1 unread" in home.plain and "Notifications 2 unread" in home.plain
    assert "Sign out" in home.plain

    apply = read(client.get(f"/jobs/{other.id}/apply"))
    assert "Apply for Pool Attendant" in apply.plain
    assert apply.has_field("Cover letter")
    assert "Résumé (PDF, up to 2 MB, optional)" in apply.plain
    assert "Send my application" in apply.plain

    thread = read(client.get(f"/messages/{site.employer.username}"))
    # Who said what, in words (a sighted reader sees it from the layout).
    assert "Coral Reef Resort: It is! We read every application this week." in thread.plain
    assert "You: Hello, is the guest services job still open?" in thread.plain
    assert thread.has_field("Your message")
    assert "Send to Coral Reef Resort" in thread.plain

    notifications = read(client.get("/notifications/list"))
    news = "Your application for Guest Services Agent is now: reviewing"
    assert f"Unread: {news}" in notifications.plain
    assert notifications.link(news) == "/applications"
    assert f"Mark read: {news}" in notifications.plain
    assert "Mark all as read" in notifications.plain

    tracker = read(client.get("/applications"))
    assert "Guest Services Agent Reviewing" in tracker.plain
    assert "Withdraw application" in tracker.plain


def test_an_employer_reviews_applicants_as_text(client, read, busy_site):
    site = busy_site
    sign_in(client, site.employer.email)

    dashboard = read(client.get("/jobs/mine"))
    assert "Guest Services Agent" in dashboard.plain and "1 applicant" in dashboard.plain
    assert "Applied 0 Reviewing 1 Interview 0" in dashboard.plain  # the bars, as numbers
    assert dashboard.link("Post a job") == "/jobs/new"

    applicants = read(client.get(f"/jobs/{site.job.id}/applications"))
    assert "Keisha Rolle" in applicants.plain
    assert "five years at the front desk" in applicants.plain  # the letter, without a click
    assert applicants.link("Download résumé").endswith("/resume")
    assert applicants.has_field("Move to", "Reviewing")
    assert applicants.has_field("Reason, if not hired")
    assert "Update status" in applicants.plain
