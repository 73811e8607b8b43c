"""No script at all: every kind of page, as each kind of person sees it, carries no <script> but
JSON-LD data, no inline event handler, no javascript: URL and no inline style, and is served
with a strict Content-Security-Policy that would block any of them anyway."""

import json
from html.parser import HTMLParser

import pytest
from flask import request_finished

from hiremebahamas.alerts.services import unsubscribe_token, user_alerts
from hiremebahamas.auth.tokens import make_token

from .conftest import PASSWORD, submit
from .e2e.support import build_busy_site

# GET endpoints that answer with something other than an HTML page for a person.
NOT_PAGES = {
    "static",
    "main.health",
    "jobs.feed",  # Atom
    "site.sitemap",
    "site.robots",
    "applications.resume",  # the PDF
    "jobs.record_csv",
    "messages.index",  # a redirect to the inbox
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}
EMBEDS = {"iframe", "object", "embed", "applet", "frame", "frameset"}


class PageScan(HTMLParser):
    """What a page would run or restyle if the CSP did not stop it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if (attributes.get("type") or "").strip().lower() != "application/ld+json":
                self.problems.append(f"<script {attributes}>")
            elif "src" in attributes:
                self.problems.append("JSON-LD loaded from elsewhere")
            self._in_json_ld = True
        if tag == "style":
            self.problems.append("<style> element (the CSP ignores it)")
        if tag in EMBEDS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline handler {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f'style="{value}" on <{tag}> (the CSP ignores it)')
            cleaned = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(("javascript:", "vbscript:")):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)


def csp_problems(policy: str | None) -> list[str]:
    """Why a Content-Security-Policy is missing or weaker than the site's no-script promise."""
    if not policy:
        return ["no Content-Security-Policy header"]
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = [w.lower() for w in words[1:]]
    problems = []
    if directives.get("default-src") != ["'none'"]:
        problems.append(f"default-src is {directives.get('default-src')}, not 'none'")
    for name, sources in directives.items():
        if name.startswith("script-src") and sources != ["'none'"]:
            problems.append(f"{name} allows {sources}")
        for weak in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"):
            if weak in sources and not (name == "img-src" and weak == "data:"):
                problems.append(f"{name} allows {weak}")
    for name, expected in {
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
    }.items():
        if directives.get(name) != expected:
            problems.append(f"{name} is {directives.get(name)}, not {expected}")
    return problems


def page_problems(response) -> list[str]:
    scan = PageScan()
    scan.feed(response.get_data(as_text=True))
    scan.close()
    problems = scan.problems + csp_problems(response.headers.get("Content-Security-Policy"))
    for data in scan.json_ld:
        try:
            json.loads(data)
        except ValueError:
            problems.append("JSON-LD that is not JSON")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    return problems


# --- the checker checks what it should -----------------------------------------------------


class FakeResponse:
    def __init__(self, body: str, policy: str | None):
        self.body = body
        self.headers = {"X-Content-Type-Options": "nosniff"}
        if policy is not None:
            self.headers["Content-Security-Policy"] = policy

    def get_data(self, as_text=True):
        return self.body


STRICT = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@pytest.mark.parametrize(
    ("body", "policy", "found"),
    [
        ("<script>alert(1)</script>", STRICT, "<script"),
        ('<script src="/static/app.js"></script>', STRICT, "<script"),
        ('<script type="module">x</script>', STRICT, "<script"),
        ('<a href="#" onclick="go()">x</a>', STRICT, "inline handler onclick="),
        ('<body onload="go()">', STRICT, "inline handler onload="),
        ('<a href=" JavaScript:go()">x</a>', STRICT, "href="),
        ('<form action="javascript:go()"></form>', STRICT, "action="),
        ('<span style="width: 40%"></span>', STRICT, "style="),
        ("<style>p{}</style>", STRICT, "<style>"),
        ("<iframe></iframe>", STRICT, "<iframe>"),
        ('<script type="application/ld+json">{not json</script>', STRICT, "not JSON"),
        ("<p>fine</p>", None, "no Content-Security-Policy"),
        ("<p>fine</p>", "default-src 'self'", "default-src is"),
        ("<p>fine</p>", STRICT + "; script-src 'self'", "script-src allows"),
        ("<p>fine</p>", STRICT.replace("'self';", "'self' 'unsafe-inline';", 1), "unsafe-inline"),
        ("<p>fine</p>", STRICT.replace("; frame-ancestors 'none'", ""), "frame-ancestors"),
    ],
)
def test_the_scan_finds_script_and_weak_policies(body, policy, found):
    assert any(found in problem for problem in page_problems(FakeResponse(body, policy)))


def test_the_scan_accepts_json_ld_and_plain_pages():
    body = '<script type="application/ld+json">{"@type": "JobPosting"}</script><p>Hi</p>'
    assert page_problems(FakeResponse(body, STRICT)) == []


# --- every page ------------------------------------------------------------------------------


def test_no_page_carries_script_and_every_page_has_a_strict_csp(
    app, client, make_user, make_job, db
):
    site = build_busy_site(make_user, make_job)
    other_job = make_job(site.employer, title="Pool Attendant")
    admin = make_user(username="moderator", email="mod@example.com", is_admin=True)
    alert = user_alerts(site.seeker)[0]
    visited: dict[str, int] = {}

    def record(sender, response, **extra):
        from flask import request

        if request.method == "GET" and response.mimetype == "text/html":
            visited[request.endpoint] = response.status_code

    people = {
        None: [
            ("/", 200),
            ("/jobs/list", 200),
            ("/jobs/list?q=guest&island=exuma&sort=newest", 200),
            ("/jobs/list?q=nothing-matches-this", 200),
            (f"/jobs/{site.job.id}", 200),
            (f"/jobs/{site.closed_job.id}", 200),
            ("/auth/register", 200),
            ("/auth/login", 200),
            ("/auth/reset", 200),
            (f"/auth/reset/{make_token(site.seeker, 'reset')}", 200),
            ("/auth/reset/not-a-token", 400),
            ("/auth/verify/not-a-token", 400),
            (f"/u/{site.employer.username}", 200),
            (f"/u/{site.seeker.username}", 200),
            (f"/u/{site.seeker.username}/followers", 200),
            (f"/u/{site.seeker.username}/following", 200),
            ("/people", 200),
            ("/people?q=keisha&open_to_work=1", 200),
            (f"/posts/{site.post.id}", 200),
            ("/no-such-page", 404),
            (f"/alerts/unsubscribe/{unsubscribe_token(alert)}", 200),
        ],
        site.seeker.email: [
            ("/", 200),
            (f"/jobs/{site.job.id}", 200),
            (f"/jobs/{other_job.id}/apply", 200),
            ("/applications", 200),
            ("/jobs/saved", 200),
            ("/alerts", 200),
            ("/posts/feed", 200),
            ("/posts/feed?scope=everyone", 200),
            (f"/posts/{site.post.id}", 200),
            ("/messages/list", 200),
            (f"/messages/{site.employer.username}", 200),
            ("/notifications/list", 200),
            ("/settings/profile", 200),
            ("/settings/account", 200),
            ("/settings/notifications", 200),
            ("/jobs/new", 403),
            (f"/u/{site.employer.username}", 200),
        ],
        site.employer.email: [
            ("/jobs/mine", 200),
            ("/jobs/new", 200),
            (f"/jobs/{site.job.id}/edit", 200),
            (f"/jobs/{site.job.id}/applications", 200),
            (f"/jobs/{site.job.id}/record", 200),
            (f"/jobs/{site.job.id}", 200),
            ("/posts/feed", 200),
            ("/messages/list", 200),
            ("/notifications/list", 200),
            (f"/jobs/{other_job.id}/apply", 403),
        ],
    }
    if "admin.dashboard" in app.view_functions:
        people[admin.email] = [(path, 200) for path in ("/admin", "/admin/reports", "/admin/users")]

    failures = []
    with request_finished.connected_to(record, app):
        for email, pages in people.items():
            client.delete_cookie("session")
            client.delete_cookie("remember_token")
            if email:
                response = submit(client, "/auth/login", {"email": email, "password": PASSWORD})
                assert response.status_code == 303, f"could not sign in as {email}"
            for path, status in pages:
                response = client.get(path)
                who = email or "a visitor"
                if response.status_code != status:
                    failures.append(f"{path} ({who}): status {response.status_code}, not {status}")
                failures += [f"{path} ({who}): {p}" for p in page_problems(response)]
    assert not failures, "\n".join(failures)

    # Every kind of page was looked at; a new page must be added above.
    pages = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in NOT_PAGES
    }
    assert pages - set(visited) == set(), "pages this test does not check yet"
