"""Finding jobs: the list page, its keyword search, filters, sorting and pages of results."""

import re
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from sqlalchemy import event

from hiremebahamas.caching import clear_job_pages
from hiremebahamas.timezone import nassau_today

from .conftest import text_of


def titles_on(response) -> list[str]:
    """The job titles listed on a page, top to bottom."""
    return re.findall(r'<a href="/jobs/\d+">([^<]+)</a>', text_of(response))


def result_count(response) -> str:
    match = re.search(r'class="result-count">([^<]+)<', text_of(response))
    assert match, "the page shows no result count"
    return match.group(1).strip()


def pagination_links(response) -> list[dict[str, list[str]]]:
    """The query of every link in the result pages navigation."""
    nav = re.search(r'<nav class="pagination".*?</nav>', text_of(response), re.S)
    assert nav, "the page has no pagination links"
    return [parse_qs(query) for query in re.findall(r'href="\?([^"]*)"', nav.group(0))]


# --- what is listed -----------------------------------------------------------------------


def test_only_open_jobs_that_have_not_expired_are_listed(client, make_user, make_job):
    employer = make_user("employer")
    today = nassau_today()
    make_job(employer, title="Open Bartender")
    make_job(employer, title="Closing Today Chef", closes_on=today)
    make_job(employer, title="Closed Lifeguard", status="closed")
    make_job(employer, title="Expired Gardener", closes_on=today - timedelta(days=1))
    make_job(employer, title="Removed Scam Job", status="removed")

    response = client.get("/jobs/list")

    assert response.status_code == 200
    assert sorted(titles_on(response)) == ["Closing Today Chef", "Open Bartender"]
    assert result_count(response) == "2 jobs"


def test_the_home_page_shows_the_latest_open_jobs(client, make_user, make_job):
    employer = make_user("employer", company_name="Sandy Port Resort")
    make_job(employer, title="Pool Attendant")
    make_job(employer, title="Night Auditor")
    make_job(employer, title="Closed Position", status="closed")

    page = text_of(client.get("/"))

    assert "Latest jobs" in page
    assert titles_on(client.get("/")) == ["Night Auditor", "Pool Attendant"]
    assert "Sandy Port Resort" in page
    assert "Closed Position" not in page


def test_the_result_count_reads_naturally(client, make_user, make_job):
    employer = make_user("employer")
    make_job(employer, title="Only Job")
    assert result_count(client.get("/jobs/list")) == "1 job"
    make_job(employer, title="Second Job")
    clear_job_pages()  # as posting through the site does
    assert result_count(client.get("/jobs/list")) == "2 jobs"


# --- keyword search ---------------------------------------------------------------------


def test_keyword_search_finds_jobs_by_title_description_or_company(client, make_user, make_job):
    resort = make_user("employer", company_name="Coral Reef Resort")
    bank = make_user("employer", company_name="Island Savings Bank")
    make_job(resort, title="Dive Instructor", description="Teach guests to scuba dive safely.")
    make_job(bank, title="Teller", description="Serve customers at the counter every day.")

    assert titles_on(client.get("/jobs/list?q=dive")) == ["Dive Instructor"]
    assert titles_on(client.get("/jobs/list?q=CUSTOMERS")) == ["Teller"]
    assert titles_on(client.get("/jobs/list?q=savings")) == ["Teller"]
    # Every word must match somewhere.
    assert titles_on(client.get("/jobs/list?q=dive+customers")) == []


def test_title_matches_rank_above_description_matches_when_sorted_by_relevance(
    client, make_user, make_job
):
    employer = make_user("employer")
    make_job(employer, title="Line Cook", description="Prepare meals on the line for our guests.")
    # Newer, so it would come first by date; it only mentions a cook in its description.
    make_job(
        employer,
        title="Kitchen Porter",
        description="Wash pots and help the head cook keep the kitchen clean.",
    )
    make_job(employer, title="Housekeeper", description="Keep the guest rooms spotless always.")

    assert titles_on(client.get("/jobs/list?q=cook&sort=relevance")) == [
        "Line Cook",
        "Kitchen Porter",
    ]
    # A keyword search is sorted by relevance unless the visitor asks otherwise.
    assert titles_on(client.get("/jobs/list?q=cook")) == ["Line Cook", "Kitchen Porter"]
    assert titles_on(client.get("/jobs/list?q=cook&sort=newest")) == [
        "Kitchen Porter",
        "Line Cook",
    ]


def test_wildcard_characters_in_a_search_do_not_match_every_job(client, make_user, make_job):
    employer = make_user("employer")
    make_job(employer, title="Sales Agent", description="Earn 10% commission on every sale made.")
    make_job(employer, title="Cashier", description="Handle cash and card payments all day.")

    assert titles_on(client.get("/jobs/list", query_string={"q": "10%"})) == ["Sales Agent"]
    for q in ("%", "_", "%_%", "*", "'", '"', "a & b | !c", "\\"):
        response = client.get("/jobs/list", query_string={"q": q})
        assert response.status_code == 200, q
        assert "Cashier" not in titles_on(response), q


# --- filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("param", "value", "field"),
    [
        ("island", "exuma", "island"),
        ("category", "healthcare", "category"),
        ("type", "part-time", "employment_type"),
        ("workplace", "remote", "workplace"),
        ("permit", "sponsor", "permit"),
    ],
)
def test_each_filter_narrows_the_list(client, make_user, make_job, param, value, field):
    employer = make_user("employer")
    make_job(employer, title="Matching Job", **{field: value})
    make_job(employer, title="Other Job")

    response = client.get(f"/jobs/list?{param}={value}")

    assert response.status_code == 200
    assert titles_on(response) == ["Matching Job"]
    assert result_count(response) == "1 job"
    # The chosen value stays selected in the filter form.
    assert f'<option value="{value}" selected>' in text_of(response)


def test_filters_combine(client, make_user, make_job):
    employer = make_user("employer")
    make_job(employer, title="Exuma Nurse", island="exuma", category="healthcare")
    make_job(employer, title="Exuma Waiter", island="exuma")
    make_job(employer, title="Nassau Nurse", category="healthcare")

    response = client.get("/jobs/list?island=exuma&category=healthcare")

    assert titles_on(response) == ["Exuma Nurse"]


def test_minimum_salary_compares_hourly_monthly_and_yearly_pay_as_yearly(
    client, make_user, make_job
):
    employer = make_user("employer")
    # $20 an hour is $41,600 a year; $3,000 a month is $36,000; the yearly job pays $30,000.
    make_job(
        employer, title="Hourly Electrician", salary_min=15, salary_max=20, salary_period="hour"
    )
    make_job(
        employer,
        title="Monthly Accountant",
        salary_min=2500,
        salary_max=3000,
        salary_period="month",
    )
    make_job(
        employer, title="Yearly Teacher", salary_min=25000, salary_max=30000, salary_period="year"
    )
    make_job(
        employer, title="Unpaid Volunteer", salary_min=None, salary_max=None, salary_period=None
    )

    def found(salary_min):
        return sorted(titles_on(client.get(f"/jobs/list?salary_min={salary_min}")))

    assert found(0) == ["Hourly Electrician", "Monthly Accountant", "Yearly Teacher"]
    assert found(30000) == ["Hourly Electrician", "Monthly Accountant", "Yearly Teacher"]
    assert found(35000) == ["Hourly Electrician", "Monthly Accountant"]
    assert found("40,000") == ["Hourly Electrician"]
    assert found(50000) == []


def test_a_job_stating_only_a_starting_salary_meets_a_lower_minimum(client, make_user, make_job):
    employer = make_user("employer")
    make_job(
        employer, title="Senior Developer", salary_min=5000, salary_max=None, salary_period="month"
    )

    # "From $5,000 per month" is at least $60,000 a year.
    assert titles_on(client.get("/jobs/list?salary_min=40000")) == ["Senior Developer"]


def test_sort_by_salary_puts_the_best_paid_first_whatever_the_period(client, make_user, make_job):
    employer = make_user("employer")
    make_job(
        employer, title="Yearly Manager", salary_min=40000, salary_max=50000, salary_period="year"
    )
    make_job(employer, title="Hourly Porter", salary_min=10, salary_max=12, salary_period="hour")
    make_job(
        employer, title="No Salary Given", salary_min=None, salary_max=None, salary_period=None
    )
    make_job(
        employer, title="Monthly Chef", salary_min=4000, salary_max=5000, salary_period="month"
    )

    response = client.get("/jobs/list?sort=salary")

    # $60,000 a year, $50,000 a year, $24,960 a year, then the job without a salary.
    assert titles_on(response) == [
        "Monthly Chef",
        "Yearly Manager",
        "Hourly Porter",
        "No Salary Given",
    ]


def test_island_filter_shows_how_many_jobs_each_island_has(client, make_user, make_job):
    employer = make_user("employer")
    make_job(employer, title="Abaco Captain", island="abaco", category="maritime-fishing")
    make_job(employer, title="Abaco Mate", island="abaco", category="maritime-fishing")
    make_job(employer, title="Abaco Clerk", island="abaco", category="administration-office")
    make_job(employer, title="Exuma Skipper", island="exuma", category="maritime-fishing")

    page = text_of(client.get("/jobs/list"))
    assert '<option value="abaco">Abaco (3)</option>' in page
    assert '<option value="exuma">Exuma (1)</option>' in page
    assert '<option value="bimini">Bimini (0)</option>' in page

    # The counts follow the other filters, and still show the islands not chosen.
    page = text_of(client.get("/jobs/list?island=abaco&category=maritime-fishing"))
    assert '<option value="abaco" selected>Abaco (2)</option>' in page
    assert '<option value="exuma">Exuma (1)</option>' in page


# --- pages of results -------------------------------------------------------------------


@pytest.fixture
def forty_five_jobs(make_user, make_job):
    """45 open Exuma healthcare jobs, "Position 01" (oldest) to "Position 45" (newest)."""
    employer = make_user("employer")
    for n in range(1, 46):
        make_job(employer, title=f"Position {n:02d}", island="exuma", category="healthcare")
    make_job(employer, title="Unrelated Nassau Job")


def test_results_come_in_numbered_pages_that_keep_the_filters(client, forty_five_jobs):
    response = client.get("/jobs/list?island=exuma&category=healthcare")
    assert result_count(response) == "45 jobs · page 1 of 3"
    assert titles_on(response) == [f"Position {n:02d}" for n in range(45, 25, -1)]

    links = pagination_links(response)
    assert {link["page"][0] for link in links} == {"2", "3"}
    for link in links:
        assert link["island"] == ["exuma"]
        assert link["category"] == ["healthcare"]
    assert '<span class="current" aria-current="page">1</span>' in text_of(response)


def test_page_two_shows_the_next_twenty_jobs(client, forty_five_jobs):
    response = client.get("/jobs/list?island=exuma&category=healthcare&page=2")

    assert response.status_code == 200
    assert result_count(response) == "45 jobs · page 2 of 3"
    assert titles_on(response) == [f"Position {n:02d}" for n in range(25, 5, -1)]
    assert '<span class="current" aria-current="page">2</span>' in text_of(response)
    links = pagination_links(response)
    assert {link["page"][0] for link in links} == {"1", "3"}
    assert all(link["island"] == ["exuma"] for link in links)

    last = client.get("/jobs/list?island=exuma&category=healthcare&page=3")
    assert titles_on(last) == [f"Position {n:02d}" for n in range(5, 0, -1)]
    assert 'rel="next"' not in text_of(last)


def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, forty_five_jobs):
    response = client.get("/jobs/list?island=exuma&category=healthcare&page=999")

    assert response.status_code == 200
    page = text_of(response)
    assert "There are only 3 pages of results; showing the last." in page
    assert result_count(response) == "45 jobs · page 3 of 3"
    assert titles_on(response) == [f"Position {n:02d}" for n in range(5, 0, -1)]


def test_the_list_page_runs_the_same_number_of_sql_statements_however_many_jobs(
    app, client, db, make_user, make_job
):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def statements_for_list_page() -> int:
        clear_job_pages()  # measure building the page, not serving it from the cache
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            response = client.get("/jobs/list")
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return len(statements)

    employers = [make_user("employer") for _ in range(4)]
    for n in range(3):
        make_job(employers[0], title=f"Early Job {n}")
    client.get("/jobs/list")  # the first request may set up the connection
    with_three_jobs = statements_for_list_page()
    assert len(titles_on(client.get("/jobs/list"))) == 3

    for n in range(37):
        make_job(employers[n % 4], title=f"Later Job {n}", island="grand-bahama")
    with_forty_jobs = statements_for_list_page()
    assert len(titles_on(client.get("/jobs/list"))) == 20

    assert with_three_jobs > 0
    assert with_forty_jobs == with_three_jobs, statements


# --- bad input --------------------------------------------------------------------------


@pytest.fixture
def three_jobs(make_user, make_job):
    employer = make_user("employer")
    for title in ("Mason", "Carpenter", "Plumber"):
        make_job(employer, title=title)


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("page=abc", "The page number must be a whole number of 0 or more; it was ignored."),
        ("page=-1", "The page number must be a whole number of 0 or more; it was ignored."),
        ("page=999", "There is only 1 page of results; showing the last."),
        (
            "salary_min=abc",
            "The minimum salary must be a whole number of 0 or more; it was ignored.",
        ),
        (
            "salary_min=-5",
            "The minimum salary must be a whole number of 0 or more; it was ignored.",
        ),
        ("island=atlantis", "There is no island called “atlantis”; showing all."),
        ("category=piracy", "There is no category called “piracy”; showing all."),
        ("type=forever", "There is no job type called “forever”; showing all."),
        ("workplace=moon", "There is no workplace called “moon”; showing all."),
        ("permit=anyone", "There is no work eligibility called “anyone”; showing all."),
    ],
)
def test_bad_search_input_is_ignored_with_a_clear_note(client, three_jobs, query, note):
    response = client.get(f"/jobs/list?{query}")

    assert response.status_code == 200
    assert note in text_of(response)
    assert sorted(titles_on(response)) == ["Carpenter", "Mason", "Plumber"]


def test_page_zero_shows_the_first_page(client, three_jobs):
    response = client.get("/jobs/list?page=0")
    assert response.status_code == 200
    assert len(titles_on(response)) == 3


def test_a_very_long_search_is_shortened_and_says_so(client, make_user, make_job):
    employer = make_user("employer")
    make_job(employer, title="Plumber")

    response = client.get("/jobs/list", query_string={"q": "plumber " * 625})  # 5,000 characters

    assert response.status_code == 200
    page = text_of(response)
    assert "Your search was shortened to 200 characters." in page
    assert titles_on(response) == ["Plumber"]
    kept = re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', page).group(1)
    assert 0 < len(kept) <= 200


def test_a_long_word_without_spaces_is_shortened_too(client, three_jobs):
    response = client.get("/jobs/list", query_string={"q": "x" * 5000})

    assert response.status_code == 200
    assert "Your search was shortened to 200 characters." in text_of(response)


def test_no_results_says_so_and_suggests_widening_the_search(client, make_user, make_job):
    employer = make_user("employer")
    make_job(employer, title="Mason")

    response = client.get("/jobs/list?q=astronaut&island=bimini")

    assert response.status_code == 200
    page = text_of(response)
    assert "No open jobs match “astronaut”." in page
    assert "Try fewer words, another island or category, or a lower minimum salary." in page
    assert '<a href="/jobs/list">See all open jobs</a>' in page
    assert result_count(response) == "0 jobs"


def test_an_empty_board_says_there_are_no_jobs(client, db):
    response = client.get("/jobs/list")

    assert response.status_code == 200
    assert "No open jobs match these filters." in text_of(response)
    assert result_count(response) == "0 jobs"


def test_search_text_is_shown_back_safely(client, three_jobs):
    response = client.get("/jobs/list", query_string={"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body
