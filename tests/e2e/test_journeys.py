"""What people do on the site, in a real browser with JavaScript turned off: a visitor looks for
a job; an employer and a job seeker sign up, post, apply, follow, like, comment, message, move
an application along, read what happened and sign out."""

import re
from datetime import timedelta

import pytest

from hiremebahamas.timezone import nassau_today

from ..conftest import link_in
from .conftest import screenshot, wait_for_mail
from .support import tiny_pdf

pytestmark = pytest.mark.e2e

PASSWORD = "conch-salad-2026"


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def flash(page):
    return page.locator(".flashes")


def only_json_ld(page) -> None:
    """The page as loaded carries no script but its JSON-LD data."""
    assert page.evaluate("() => document.scripts.length") == len(
        page.locator('script[type="application/ld+json"]').all()
    )


def test_the_browser_really_runs_no_javascript(person):
    page = person()
    page.set_content("<title>before</title><script>document.title = 'script ran'</script>")
    assert page.title() == "before"


# --- a visitor --------------------------------------------------------------------------


def test_visitor_searches_filters_pages_through_and_opens_a_job(person, make_user, make_job):
    resort = make_user("employer", username="sandycay", company_name="Sandy Cay Resort")
    bank = make_user("employer", username="islandbank", company_name="Island Bank")
    make_job(resort, title="Dive Instructor", island="exuma", location="George Town")
    make_job(
        resort,
        title="Boat Captain",
        island="exuma",
        location="Staniel Cay",
        category="maritime-fishing",
        employment_type="seasonal",
    )
    make_job(
        bank,
        title="Bank Teller",
        category="financial-services",
        salary_min=28_000,
        salary_max=34_000,
        salary_period="year",
        description="Serve customers at our Bay Street branch.\n\nCash handling experience.",
    )
    for n in range(1, 21):
        title = f"Branch Associate {n:02d}"
        make_job(bank, title=title, island="grand-bahama", location="Freeport")

    page = person()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find your next job in the Bahamas")
    only_json_ld(page)
    screenshot(page, "home")

    # The home page's search form: island only.
    page.get_by_label("Where").select_option(label="Exuma")
    page.get_by_role("button", name="Search jobs").click()
    assert re.search(r"/jobs/list\?.*island=exuma", page.url)
    expect(page.locator("#results-heading")).to_have_text("2 jobs")
    expect(page.locator(".job-list")).to_contain_text("Dive Instructor")
    expect(page.locator(".job-list")).to_contain_text("Boat Captain")

    # Narrow it down in the side bar; the form keeps what was chosen.
    page.get_by_label("Category").select_option(label="Maritime & fishing")
    page.get_by_role("button", name="Show jobs").click()
    expect(page.locator("#results-heading")).to_have_text("1 job")
    expect(page.locator(".job-list")).to_contain_text("Boat Captain")
    expect(page.get_by_label("Island")).to_have_value("exuma")
    screenshot(page, "job-list-filtered")

    # Start again, page through everything with plain links.
    page.get_by_role("link", name="Clear all filters").click()
    expect(page.locator("#results-heading")).to_have_text("23 jobs · page 1 of 2")
    screenshot(page, "job-list")
    page.get_by_role("navigation", name="Result pages").get_by_role("link", name="Next").click()
    expect(page.locator("#results-heading")).to_have_text("23 jobs · page 2 of 2")
    assert page.locator(".job-list > li").count() == 3

    # A keyword search, then the job itself.
    page.get_by_label("Keywords").fill("teller")
    page.get_by_role("button", name="Show jobs").click()
    expect(page.locator("#results-heading")).to_have_text("1 job")
    page.get_by_role("link", name="Bank Teller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bank Teller")
    expect(page.locator(".job-facts")).to_contain_text("$28,000–$34,000 BSD per year")
    expect(page.locator(".job-description")).to_contain_text("Bay Street branch")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    only_json_ld(page)
    screenshot(page, "job-page")

    # Applying needs an account: the link says so and leads to the sign-in form.
    page.get_by_role("link", name="Sign in to apply").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    expect(page.get_by_label("Email")).to_be_visible()


# --- an employer and a job seeker ---------------------------------------------------------


def register(page, account_type: str, name: str, username: str, email: str, company=None):
    page.goto("/")
    page.get_by_role("link", name="Join free").first.click()
    choice = "Employer" if account_type == "employer" else "Job seeker"
    page.get_by_label(choice, exact=True).check()
    page.get_by_label("Your name").fill(name)
    if company:
        page.get_by_label("Company name").fill(company)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(flash(page)).to_contain_text(f"Welcome to HireMeBahamas, {name}!")


def header_count(page, label: str) -> str:
    """The unread count beside Messages or Notifications in the header ('' when none)."""
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name=label)
    counts = link.locator(".count")
    return counts.inner_text().split()[0] if counts.count() else ""


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(flash(page)).to_contain_text("You are signed out.")
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    page.goto("/messages/list")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")


def test_employer_and_seeker_hire_and_connect_without_javascript(person, mailbox, mail_worker):
    closes_on = nassau_today() + timedelta(days=30)
    employer = person()
    seeker = person()

    # The employer joins and posts a job through the form.
    register(
        employer, "employer", "Dawn Ferguson", "coralreef", "hr@coralreef.example", "Coral Reef"
    )
    wait_for_mail(mailbox, "hr@coralreef.example", "Confirm")
    employer.get_by_role("link", name="My jobs").click()
    expect(employer.locator(".empty-state")).to_contain_text("You haven't posted a job yet.")
    employer.get_by_role("link", name="Post a job").first.click()
    employer.get_by_label("Job title").fill("Reef Snorkel Guide")
    employer.get_by_label("Description").fill(
        "Lead two snorkel trips a day to the reef.\n\nYou swim well and love meeting guests."
    )
    employer.get_by_label("Island").select_option(label="Exuma")
    employer.get_by_label("Town or settlement").fill("George Town")
    employer.get_by_label("Category").select_option(label="Hospitality & tourism")
    employer.get_by_label("Job type").select_option(label="Full-time")
    employer.get_by_label("Workplace").select_option(label="On-site")
    employer.get_by_label("Salary from (BSD)").fill("2000")
    employer.get_by_label("Salary to (BSD)").fill("2600")
    employer.get_by_label("Paid").select_option(label="per month")
    employer.get_by_label("Applications close on").fill(closes_on.isoformat())
    screenshot(employer, "job-form")
    employer.get_by_role("button", name="Post the job").click()
    expect(flash(employer)).to_contain_text("Your job “Reef Snorkel Guide” is live.")
    expect(employer.get_by_role("heading", level=1)).to_have_text("Reef Snorkel Guide")
    job_path = re.search(r"/jobs/\d+", employer.url).group(0)

    # The seeker joins, confirms the address from the mail, finds the job and applies.
    register(seeker, "seeker", "Keisha Rolle", "keisha", "keisha@example.com")
    confirm = wait_for_mail(mailbox, "keisha@example.com", "Confirm")
    seeker.goto(link_in(confirm, "/auth/verify/"))
    expect(flash(seeker)).to_contain_text("Thank you: keisha@example.com is confirmed.")
    seeker.get_by_label("What").fill("snorkel")
    seeker.get_by_role("button", name="Search jobs").click()
    seeker.get_by_role("link", name="Reef Snorkel Guide").click()
    assert seeker.url.endswith(job_path)
    seeker.get_by_role("link", name="Apply now").click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text("Apply for Reef Snorkel Guide")
    resume = tiny_pdf("Keisha Rolle", "Lifeguard, PADI Divemaster")
    seeker.get_by_label("Cover letter").fill(
        "I grew up on Exuma, hold a PADI Divemaster card and have guided snorkel trips for "
        "three seasons."
    )
    seeker.get_by_label("Résumé").set_input_files(
        {"name": "keisha-rolle.pdf", "mimeType": "application/pdf", "buffer": resume}
    )
    screenshot(seeker, "apply-form")
    seeker.get_by_role("button", name="Send my application").click()
    expect(flash(seeker)).to_contain_text("Your application for Reef Snorkel Guide is sent.")
    mail = wait_for_mail(mailbox, "hr@coralreef.example", "New applicant for Reef Snorkel Guide")
    assert "Keisha Rolle" in mail.get_body(preferencelist=("plain",)).get_content()

    # ... follows the employer, likes and comments on the job's announcement, sends a message.
    seeker.goto(job_path)
    seeker.locator(".job-header").get_by_role("link", name="Coral Reef").click()
    seeker.get_by_role("button", name="Follow").click()
    expect(flash(seeker)).to_contain_text("You are following Coral Reef.")
    expect(seeker.get_by_role("button", name="Unfollow")).to_be_visible()
    seeker.get_by_role("navigation", name="Main").get_by_role("link", name="Feed").click()
    announcement = seeker.locator("article.post", has_text="We're hiring: Reef Snorkel Guide")
    announcement.get_by_role("button", name="Like").click()
    announcement = seeker.locator("article.post", has_text="We're hiring: Reef Snorkel Guide")
    expect(announcement.locator(".post-actions")).to_contain_text("1 like")
    expect(announcement.get_by_role("button", name="Unlike")).to_be_visible()
    screenshot(seeker, "feed")
    announcement.get_by_role("link", name="0 comments").click()
    seeker.get_by_label("Add a comment").fill("Applied! Looking forward to it.")
    seeker.get_by_role("button", name="Comment", exact=True).click()
    expect(flash(seeker)).to_contain_text("Your comment is posted.")
    expect(seeker.locator("ol.comments")).to_contain_text("Applied! Looking forward to it.")
    screenshot(seeker, "post")
    seeker.goto("/u/coralreef")
    seeker.get_by_role("link", name="Message", exact=True).click()
    seeker.get_by_label("Your message").fill("Hello! Is there a uniform for the snorkel guides?")
    seeker.get_by_role("button", name="Send to Coral Reef").click()
    expect(flash(seeker)).to_contain_text("Message sent to Coral Reef.")
    expect(seeker.locator("ol.thread")).to_contain_text("Is there a uniform")

    # The employer sees it all: counts in the header, the applicant on the dashboard.
    employer.goto("/")
    assert header_count(employer, "Messages") == "1"
    # Applied, followed, liked, commented, sent a message.
    assert header_count(employer, "Notifications") == "5"
    employer.get_by_role("link", name="Notifications").click()
    notes = employer.locator("ul.notifications")
    expect(notes).to_contain_text("Keisha Rolle applied for Reef Snorkel Guide")
    expect(notes).to_contain_text("started following you")
    expect(notes).to_contain_text("liked your post")
    expect(notes).to_contain_text("commented on your post")
    expect(notes).to_contain_text("Keisha Rolle sent you a message")
    screenshot(employer, "notifications-employer")
    employer.get_by_role("link", name="My jobs").click()
    dashboard = employer.locator("li.dashboard-job", has_text="Reef Snorkel Guide")
    expect(dashboard).to_contain_text("1 applicant")
    expect(dashboard.get_by_role("img")).to_have_attribute(
        "aria-label", re.compile(r"Applied 1, Reviewing 0")
    )
    # The bars are drawn to scale: one applicant, all of them still at "Applied".
    bar = dashboard.locator(".bar-row", has_text="Applied").locator(".bar").bounding_box()
    track = dashboard.locator(".bar-row", has_text="Applied").locator(".bar-track").bounding_box()
    empty = dashboard.locator(".bar-row", has_text="Reviewing").locator(".bar").bounding_box()
    assert bar["width"] > track["width"] * 0.9 and empty["width"] < 5, (bar, empty)
    screenshot(employer, "employer-dashboard")
    dashboard.get_by_role("link", name="Review applicants").click()
    expect(employer.get_by_role("heading", level=1)).to_have_text(
        "Applicants for Reef Snorkel Guide"
    )
    applicant = employer.locator("li.applicant", has_text="Keisha Rolle")
    # A <details> element opens without JavaScript.
    applicant.locator("summary", has_text="Cover letter").click()
    expect(applicant).to_contain_text("PADI Divemaster card")
    download = applicant.get_by_role("link", name=re.compile("Download résumé"))
    pdf = employer.request.get(download.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body() == resume
    screenshot(employer, "applicants")
    applicant.get_by_label("Move to").select_option(label="Interview")
    applicant.get_by_role("button", name="Update status").click()
    expect(flash(employer)).to_contain_text("Status updated; the applicant has been told.")
    expect(employer.locator("li.applicant .badge")).to_have_text("Interview")
    wait_for_mail(mailbox, "keisha@example.com", "Your application for Reef Snorkel Guide")

    # The employer reads the message and answers.
    employer.get_by_role("link", name=re.compile("^Messages")).click()
    expect(employer.locator(".conversation-list")).to_contain_text("Keisha Rolle")
    screenshot(employer, "inbox")
    employer.get_by_role("link", name=re.compile("Is there a uniform")).click()
    expect(employer.locator("ol.thread")).to_contain_text("Is there a uniform")
    employer.get_by_label("Your message").fill("Yes: we give you two shirts. See you Tuesday!")
    employer.get_by_role("button", name="Send to Keisha Rolle").click()
    expect(flash(employer)).to_contain_text("Message sent to Keisha Rolle.")
    screenshot(employer, "thread")
    assert header_count(employer, "Messages") == ""

    # The seeker reads the news: a notification, the application's history, the answer.
    seeker.goto("/")
    assert header_count(seeker, "Notifications") == "2"  # the status, the message
    assert header_count(seeker, "Messages") == "1"
    seeker.get_by_role("link", name="Notifications").click()
    news = seeker.locator("li.notification.unread", has_text="Your application for Reef Snorkel")
    expect(news).to_contain_text("Your application for Reef Snorkel Guide is now: interview")
    screenshot(seeker, "notifications")
    news.get_by_role("button", name=re.compile("Mark read")).click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text("My applications")
    entry = seeker.locator("li.card", has_text="Reef Snorkel Guide")
    expect(entry.locator(".badge")).to_have_text("Interview")
    expect(entry.locator("ol.history")).to_contain_text("Applied")
    expect(entry.locator("ol.history")).to_contain_text("Interview")
    assert header_count(seeker, "Notifications") == "1"
    screenshot(seeker, "applications")
    seeker.get_by_role("link", name=re.compile("^Messages")).click()
    conversation = seeker.locator(".conversation.unread")
    expect(conversation).to_contain_text("we give you two shirts")
    conversation.get_by_role("link", name=re.compile("we give you two shirts")).click()
    expect(seeker.locator("ol.thread")).to_contain_text("See you Tuesday!")
    assert header_count(seeker, "Messages") == ""
    assert header_count(seeker, "Notifications") == ""

    # Both sign out.
    sign_out(seeker)
    sign_out(employer)


def test_forms_explain_mistakes_without_javascript(person, make_user):
    """No script checks a form in the browser: the server says what is wrong, beside the field,
    and keeps what was typed."""
    page = person()
    page.goto("/auth/register")
    page.get_by_label("Employer", exact=True).check()
    page.get_by_label("Your name").fill("Ann Smith")
    page.get_by_label("Username").fill("a b")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".form-errors")).to_contain_text("Please correct the problems below.")
    expect(page.locator("#company_name-errors")).to_have_text("Employers need a company name.")
    expect(page.locator("#username-errors")).to_contain_text("letters, digits or underscores")
    expect(page.locator("#email-errors")).to_contain_text("Enter a valid email address")
    expect(page.get_by_label("Your name")).to_have_value("Ann Smith")
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Employer", exact=True)).to_be_checked()
    screenshot(page, "register-errors")
