"""Accessibility of the key pages: axe-core finds no serious or critical violation, and each page
has `lang`, one h1, the landmarks, a skip link, a label on every field, a visible focus ring on
every stop of the keyboard's path, and no sideways scrolling on a phone.

axe-core is JavaScript, and the site's CSP rightly blocks injected scripts, so the audit runs in
its own browser context with JavaScript on and the CSP bypassed; the journeys (JavaScript off)
are in test_journeys.py.
"""

import pytest

from ..conftest import PASSWORD
from .conftest import DESKTOP, PHONE
from .support import AXE_SCRIPT, build_busy_site, report, require

pytestmark = pytest.mark.e2e

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
    more: Math.max(0, v.nodes.length - 3),
  }));
}"""

STRUCTURE = """() => {
  const problems = [];
  const lang = document.documentElement.getAttribute("lang");
  if (!lang || !lang.trim()) problems.push("no lang on <html>");
  const h1s = document.querySelectorAll("h1").length;
  if (h1s !== 1) problems.push(`${h1s} h1 elements, not one`);
  for (const [selector, role] of [["header", "banner"], ["nav", "navigation"],
                                  ["main", "main"], ["footer", "contentinfo"]]) {
    if (!document.querySelector(`${selector}, [role=${role}]`)) problems.push(`no <${selector}>`);
  }
  if (document.querySelectorAll("main").length !== 1) problems.push("not exactly one <main>");
  const first = document.querySelector(
    "body a[href], body button, body input:not([type=hidden]), body select, body textarea");
  const target = first && first.matches("a[href^='#']")
    && document.getElementById(first.getAttribute("href").slice(1));
  if (!target || !target.matches("main, main *, [role=main]"))
    problems.push("the first link is not a skip link to the main content");
  for (const field of document.querySelectorAll("input, select, textarea")) {
    if (["hidden", "submit", "button", "reset", "image"].includes(field.type)) continue;
    const named = (field.labels && field.labels.length) || field.getAttribute("aria-label")
      || field.getAttribute("aria-labelledby");
    if (!named) problems.push(`a field without a label: ${field.outerHTML.slice(0, 100)}`);
  }
  return problems;
}"""

FIRST_TAB = """() => {
  const el = document.activeElement;
  const box = el ? el.getBoundingClientRect() : null;
  return el && el.matches("a[href^='#']") && box.width > 0 && box.height > 0 && box.top >= 0;
}"""

# After a real Tab press the browser is in keyboard mode, so focusing each control from a
# script shows the ring a keyboard user would see (:focus-visible), all in one round trip.
FOCUS_RINGS = """() => {
  const shows = (node) => {
    const s = getComputedStyle(node);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
      || (s.boxShadow && s.boxShadow !== "none");
  };
  const problems = [];
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]");
  for (const el of controls) {
    if (el.getAttribute("tabindex") === "-1" || el.disabled) continue;
    el.focus();
    if (document.activeElement !== el) continue;  // not reachable (e.g. in a closed <details>)
    const what = `<${el.tagName.toLowerCase()}> ${(el.innerText || el.name || el.id || "")
      .trim().slice(0, 40)}`;
    const label = el.closest("label");
    if (!el.matches(":focus-visible")) problems.push(`no :focus-visible on ${what}`);
    else if (!shows(el) && !(label && shows(label))) problems.push(`no focus ring on ${what}`);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) problems.push(`focusable but invisible: ${what}`);
  }
  return [...new Set(problems)];
}"""


@pytest.fixture
def busy_site(site, make_user, make_job):
    built = build_busy_site(make_user, make_job)
    built.other_job = make_job(built.employer, title="Pool Attendant", island="exuma")
    return built


@pytest.fixture
def axe_script():
    require(AXE_SCRIPT.exists(), "axe-core", "npm ci, from package-lock.json")
    return AXE_SCRIPT


@pytest.fixture
def auditor(axe_script, browser, site):
    """A browser context for the audit: JavaScript on (axe is a script), the CSP bypassed."""
    contexts = []

    def open_as(email: str | None = None):
        context = browser.new_context(base_url=site.url, viewport=DESKTOP, bypass_csp=True)
        context.set_default_timeout(15_000)
        context.add_init_script(path=axe_script)  # on every page, before it loads
        contexts.append(context)
        page = context.new_page()
        if email:
            page.goto("/auth/login")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            assert "Signed in as" in page.locator(".flashes").inner_text(), email
        return page

    yield open_as
    for context in contexts:
        context.close()


def focus_problems(page) -> list[str]:
    """The first Tab lands on a visible skip link; every control shows a focus ring."""
    page.keyboard.press("Tab")
    problems = [] if page.evaluate(FIRST_TAB) else ["the first Tab does not show the skip link"]
    return problems + page.evaluate(FOCUS_RINGS)


def audit(page, path: str, status: int = 200) -> tuple[list[str], list[dict]]:
    """Serious problems on one page, and every axe violation (for the summary)."""
    response = page.goto(path)
    problems = [] if response.status == status else [f"status {response.status}, not {status}"]
    violations = page.evaluate(RUN_AXE)
    for v in violations:
        if v["impact"] in ("serious", "critical"):
            more = f" and {v['more']} more" if v["more"] else ""
            problems.append(f"axe {v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}{more}")
    problems += page.evaluate(STRUCTURE)
    problems += focus_problems(page)
    page.set_viewport_size(PHONE)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"scrolls sideways on a phone: {width} px wide at {PHONE['width']} px")
    page.set_viewport_size(DESKTOP)
    return problems, violations


def audit_all(page, pages: list[tuple[str, int]], who: str) -> None:
    failures, summary = [], []
    for path, status in pages:
        problems, violations = audit(page, path, status)
        failures += [f"{path} ({who}): {problem}" for problem in problems]
        by_impact = {}
        for v in violations:
            by_impact[v["impact"]] = by_impact.get(v["impact"], 0) + 1
        counts = ", ".join(f"{n} {impact}" for impact, n in sorted(by_impact.items())) or "none"
        ids = ", ".join(sorted({v["id"] for v in violations}))
        summary.append(f"{who:9} {path:40} violations: {counts}{f' ({ids})' if ids else ''}")
    report(f"axe-core results ({who})", summary, f"axe-{who}.txt")
    assert not failures, "\n".join(failures)


def test_pages_a_visitor_sees_are_accessible(auditor, busy_site):
    site = busy_site
    page = auditor()
    audit_all(
        page,
        [
            ("/", 200),
            ("/jobs/list", 200),
            ("/jobs/list?q=nothing-matches-this", 200),
            (f"/jobs/{site.job.id}", 200),
            (f"/jobs/{site.closed_job.id}", 200),
            ("/auth/register", 200),
            ("/auth/login", 200),
            ("/auth/reset", 200),
            (f"/u/{site.employer.username}", 200),
            ("/people", 200),
            (f"/posts/{site.post.id}", 200),
            ("/no-such-page", 404),
        ],
        "visitor",
    )


def test_a_form_with_mistakes_is_accessible(auditor, site):
    page = auditor()
    page.goto("/auth/register")
    page.get_by_label("Employer", exact=True).check()
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Create my account").click()
    assert page.locator(".form-errors").count() == 1
    serious = [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.evaluate(STRUCTURE) == []
    # Each message is tied to its field, so a screen reader reads it with the field.
    email = page.get_by_label("Email")
    assert email.get_attribute("aria-invalid") == "true"
    assert "email-errors" in email.get_attribute("aria-describedby")


def test_pages_a_job_seeker_sees_are_accessible(auditor, busy_site):
    site = busy_site
    page = auditor(site.seeker.email)
    audit_all(
        page,
        [
            ("/", 200),
            (f"/jobs/{site.job.id}", 200),
            (f"/jobs/{site.other_job.id}/apply", 200),
            ("/applications", 200),
            ("/jobs/saved", 200),
            ("/alerts", 200),
            ("/posts/feed", 200),
            (f"/posts/{site.post.id}", 200),
            ("/messages/list", 200),
            (f"/messages/{site.employer.username}", 200),
            ("/notifications/list", 200),
            ("/settings/profile", 200),
            ("/settings/account", 200),
            ("/settings/notifications", 200),
            ("/jobs/new", 403),
        ],
        "seeker",
    )


def test_pages_an_employer_sees_are_accessible(auditor, busy_site):
    site = busy_site
    page = auditor(site.employer.email)
    audit_all(
        page,
        [
            ("/jobs/mine", 200),
            ("/jobs/new", 200),
            (f"/jobs/{site.job.id}/edit", 200),
            (f"/jobs/{site.job.id}/applications", 200),
            (f"/jobs/{site.job.id}/record", 200),
            (f"/jobs/{site.job.id}", 200),
            ("/notifications/list", 200),
            ("/messages/list", 200),
        ],
        "employer",
    )
