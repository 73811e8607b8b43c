"""Light pages: the HTML of each key page plus the CSS it links stay under 60 KB, uncompressed
(what a phone parses) — and the figures, also gzipped (what travels), are printed for the record.
"""

import gzip
import re

from ..conftest import PASSWORD, submit
from .support import build_busy_site, report

LIMIT = 60 * 1024
STYLESHEET = re.compile(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"')


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def test_key_pages_weigh_under_60_kb_with_their_css(client, make_user, make_job):
    site = build_busy_site(make_user, make_job)
    for n in range(1, 25):  # a full first page of results, and a second page
        make_job(site.employer, title=f"Housekeeping Attendant {n:02d}", island="exuma")
    other_job = make_job(site.employer, title="Pool Attendant")

    pages = {
        None: {
            "home": "/",
            "job list (20 results)": "/jobs/list",
            "job page": f"/jobs/{site.job.id}",
            "register": "/auth/register",
            "sign in": "/auth/login",
            "profile (employer)": f"/u/{site.employer.username}",
            "people": "/people",
            "post": f"/posts/{site.post.id}",
        },
        site.seeker.email: {
            "apply form": f"/jobs/{other_job.id}/apply",
            "applications": "/applications",
            "feed": "/posts/feed?scope=everyone",
            "inbox": "/messages/list",
            "thread": f"/messages/{site.employer.username}",
            "notifications": "/notifications/list",
            "settings (profile)": "/settings/profile",
        },
        site.employer.email: {
            "employer dashboard": "/jobs/mine",
            "post a job": "/jobs/new",
            "applicants": f"/jobs/{site.job.id}/applications",
        },
    }
    lines, too_heavy, css_sizes = [], [], {}
    lines.append(f"{'page':24} {'HTML':>8} {'CSS':>8} {'total':>8}   gzip: HTML + CSS = total")
    for email, named in pages.items():
        client.delete_cookie("session")
        if email:
            assert submit(client, "/auth/login", {"email": email, "password": PASSWORD}).status_code
        for name, path in named.items():
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.get_data()
            css = b""
            for href in STYLESHEET.findall(html.decode()):
                if href not in css_sizes:
                    sheet = client.get(href)
                    assert sheet.status_code == 200, href
                    css_sizes[href] = sheet.get_data()
                css += css_sizes[href]
            total = len(html) + len(css)
            zipped_html, zipped_css = gzipped(html), gzipped(css)
            lines.append(
                f"{name:24} {len(html):8,} {len(css):8,} {total:8,}   "
                f"{zipped_html:,} + {zipped_css:,} = {zipped_html + zipped_css:,}"
            )
            if total >= LIMIT:
                too_heavy.append(f"{name} ({path}): {total:,} bytes of HTML + CSS")
    compressed = client.get("/jobs/list", headers={"Accept-Encoding": "gzip"})
    encoding = compressed.headers.get("Content-Encoding", "none")
    lines.append(f"bytes; limit {LIMIT:,} per page. Content-Encoding of /jobs/list: {encoding}")
    report("page weight (HTML + CSS)", lines, "page-weight.txt")
    assert not too_heavy, "\n".join(too_heavy)
