"""Visitors' job pages are cached, and a job write shows on the very next request."""

from datetime import timedelta

from hiremebahamas.timezone import nassau_today

from .conftest import AuthActions, free_port, submit, text_of


def test_a_visitor_gets_the_cached_page_the_second_time(client, make_user, make_job):
    make_job(make_user("employer"), title="Bonefish Guide")
    first = client.get("/jobs/list")
    second = client.get("/jobs/list")
    assert first.headers["X-Cache"] == "miss"
    assert second.headers["X-Cache"] == "hit"
    assert first.get_data() == second.get_data()
    assert "Bonefish Guide" in text_of(second)


def test_a_new_job_shows_at_once_after_the_cache_was_warm(app, client, db, make_user):
    make_user("employer", email="boss@example.com")
    assert "No jobs are open right now" in text_of(client.get("/"))
    assert "0 jobs" in text_of(client.get("/jobs/list"))

    employer_browser = app.test_client()
    AuthActions(employer_browser).login("boss@example.com")
    closes = (nassau_today() + timedelta(days=20)).isoformat()
    response = submit(
        employer_browser,
        "/jobs/new",
        {
            "title": "Straw Market Manager",
            "description": "Run the market floor, the vendors' rota and the daily takings.",
            "island": "new-providence",
            "location": "Nassau",
            "category": "retail-sales",
            "employment_type": "full-time",
            "workplace": "on-site",
            "salary_min": "30000",
            "salary_max": "38000",
            "salary_period": "year",
            "closes_on": closes,
            "permit": "bahamians",
        },
    )
    assert response.status_code == 303
    job_path = response.headers["Location"]

    assert "Straw Market Manager" in text_of(client.get("/"))
    assert "Straw Market Manager" in text_of(client.get("/jobs/list"))

    # The visitor's view of the job page is cached; closing the job changes it at once.
    assert "Sign in to apply" in text_of(client.get(job_path))
    assert client.get(job_path).headers["X-Cache"] == "hit"
    submit(employer_browser, f"{job_path}/close", {}, form_page=job_path)
    page = text_of(client.get(job_path))
    assert "This job is no longer accepting applications" in page
    assert "Straw Market Manager" not in text_of(client.get("/jobs/list"))


def test_a_signed_in_person_never_gets_a_visitors_page(client, auth, db, make_user, make_job):
    job = make_job(make_user("employer"))
    visitor_page = client.get(f"/jobs/{job.id}")
    assert "Sign in to apply" in text_of(visitor_page)
    make_user(email="seeker@example.com")
    auth.login("seeker@example.com")
    page = client.get(f"/jobs/{job.id}")
    assert "X-Cache" not in page.headers
    assert "Sign in to apply" not in text_of(page)
    assert "Apply now" in text_of(page)


def test_pages_are_served_when_the_cache_is_down(app, db, make_user, make_job):
    from hiremebahamas import create_app

    make_job(make_user("employer"), title="Ferry Deckhand")
    config = dict(app.config)
    config.update(
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        CACHE_OPTIONS={"socket_timeout": 0.1, "socket_connect_timeout": 0.1},
    )
    broken = create_app(config)
    browser = broken.test_client()
    for _ in range(2):
        response = browser.get("/jobs/list")
        assert response.status_code == 200
        assert "Ferry Deckhand" in text_of(response)


def test_a_visitor_who_has_the_page_gets_a_304(client, make_user, make_job):
    make_job(make_user("employer"), title="Conch Salad Chef")
    first = client.get("/jobs/list")
    assert first.headers["ETag"] and first.headers["Cache-Control"] == "no-cache"
    assert "Cookie" in first.headers["Vary"]
    again = client.get("/jobs/list", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    make_job(make_user("employer"), title="Straw Weaver")
    changed = client.get("/jobs/list", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "Straw Weaver" in text_of(changed)


def test_static_files_have_content_hashed_urls_cached_for_a_year(client):
    import re

    page = client.get("/auth/login").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{12})"', page).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    stale = client.get("/static/css/site.css?v=000000000000")
    assert "max-age=31536000" not in (stale.headers.get("Cache-Control") or "")


def test_two_signed_in_people_each_see_their_own_page(app, db, make_user, make_job):
    make_job(make_user("employer"))
    make_user(email="ann@example.com", name="Ann Knowles")
    make_user(email="ben@example.com", name="Ben Rolle")
    ann, ben = app.test_client(), app.test_client()
    AuthActions(ann).login("ann@example.com")
    AuthActions(ben).login("ben@example.com")
    for _ in range(2):
        ann_page, ben_page = text_of(ann.get("/jobs/list")), text_of(ben.get("/jobs/list"))
        assert "Ann Knowles" in ann_page and "Ben Rolle" not in ann_page
        assert "Ben Rolle" in ben_page and "Ann Knowles" not in ben_page


def test_pages_are_gzipped_for_browsers_that_accept_it(client, make_user, make_job):
    import gzip

    make_job(make_user("employer"), title="Bone Fishing Guide")
    plain = client.get("/jobs/list")
    packed = client.get("/jobs/list", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) * 3 < len(plain.get_data())
    again = client.get(
        "/jobs/list",
        headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]},
    )
    assert again.status_code == 304
