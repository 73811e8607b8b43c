"""Job search: the filters of /jobs/list, the query they make, and the page of results."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from flask import g, has_request_context
from sqlalchemy import Select, and_, case, func, literal, literal_column, or_, select

from ..extensions import db
from ..models import Job
from ..models.job import search_document
from ..responses import whole_number
from ..vocab import CATEGORIES, EMPLOYMENT_TYPES, ISLANDS, PERMITS, WORKPLACES

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
SORTS = {"newest": "Newest first", "salary": "Highest salary", "relevance": "Best match"}

# Each filter: (GET parameter, vocabulary, what a person calls it).
VOCAB_FILTERS = (
    ("island", ISLANDS, "island"),
    ("category", CATEGORIES, "category"),
    ("type", EMPLOYMENT_TYPES, "job type"),
    ("workplace", WORKPLACES, "workplace"),
    ("permit", PERMITS, "work eligibility"),
)


@dataclass
class JobFilters:
    """What a visitor asked for, cleaned; `notes` says what was ignored and why."""

    q: str = ""
    island: str = ""
    category: str = ""
    type: str = ""
    workplace: str = ""
    permit: str = ""
    salary_min: int | None = None
    sort: str = "newest"
    page: int = 1
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> "JobFilters":
        filters = cls()
        q = " ".join((args.get("q") or "").split())
        if len(q) > MAX_QUERY_LENGTH:
            filters.notes.append(f"Your search was shortened to {MAX_QUERY_LENGTH} characters.")
            q = q[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
        filters.q = q
        for name, vocabulary, label in VOCAB_FILTERS:
            value = (args.get(name) or "").strip()
            if value and value not in vocabulary:
                filters.notes.append(f"There is no {label} called “{value[:40]}”; showing all.")
                value = ""
            setattr(filters, name, value)
        filters.salary_min = filters._whole_number(args.get("salary_min"), "minimum salary")
        sort = args.get("sort") or ("relevance" if filters.q else "newest")
        filters.sort = sort if sort in SORTS else "newest"
        page = filters._whole_number(args.get("page"), "page number")
        filters.page = page if page and page >= 1 else 1
        return filters

    def _whole_number(self, raw: str | None, label: str) -> int | None:
        raw = (raw or "").strip().replace(",", "").lstrip("$")
        if not raw:
            return None
        if whole_number(raw) is None:
            self.notes.append(f"The {label} must be a whole number of 0 or more; it was ignored.")
            return None
        return whole_number(raw)

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q
            or self.island
            or self.category
            or self.type
            or self.workplace
            or self.permit
            or self.salary_min
        )

    def params(self, **changes) -> dict[str, str]:
        """The GET parameters for this search (with changes), without empty ones."""
        values = {
            "q": self.q,
            "island": self.island,
            "category": self.category,
            "type": self.type,
            "workplace": self.workplace,
            "permit": self.permit,
            "salary_min": "" if self.salary_min is None else str(self.salary_min),
            "sort": "" if self.sort == ("relevance" if self.q else "newest") else self.sort,
            "page": "" if self.page == 1 else str(self.page),
        }
        values.update({key: "" if value is None else str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value}

    def query_string(self, **changes) -> str:
        return urlencode(self.params(**changes))


def search_terms(q: str) -> list[str]:
    return [term for term in q.lower().split() if term][:10]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def on_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def text_query(q: str):
    """websearch_to_tsquery understands quotes, OR and -word, as people type them."""
    return func.websearch_to_tsquery(literal_column("'english'::regconfig"), q)


def employer_named(q: str):
    """Jobs of employers whose company name contains the whole query.

    The employers are looked up first (once per request) and their jobs matched by id: an IN
    over a subquery, ORed with the full-text match, keeps PostgreSQL from using the full-text
    index, so every search would compute the document of every open job (1.5 s a query with
    5,000 open jobs) instead of reading the index (a few ms)."""
    from ..models import User

    memo = g.setdefault("employers_named", {}) if has_request_context() else {}
    if q not in memo:
        memo[q] = db.session.scalars(
            select(User.id).where(
                User.account_type == "employer",
                User.company_name.ilike(_like_pattern(q.lower()), escape="\\"),
            )
        ).all()
    return Job.employer_id.in_(memo[q])


def text_condition(q: str):
    """On PostgreSQL, full-text match (stemmed: "nurse" finds "nursing") or the employer's
    name; elsewhere every word of q appears in the title, the description or the employer."""
    from ..models import User

    if on_postgres():
        return or_(search_document().op("@@")(text_query(q)), employer_named(q))
    conditions = []
    for term in search_terms(q):
        pattern = _like_pattern(term)
        conditions.append(
            or_(
                Job.title.ilike(pattern, escape="\\"),
                Job.description.ilike(pattern, escape="\\"),
                Job.employer_id.in_(
                    select(User.id).where(User.company_name.ilike(pattern, escape="\\"))
                ),
            )
        )
    return and_(*conditions) if conditions else literal(True)


def title_score(q: str):
    """Relevance: title matches rank above description ones (weights A and B on PostgreSQL,
    the number of words found in the title elsewhere)."""
    if on_postgres():
        return func.ts_rank(search_document(), text_query(q))
    terms = search_terms(q)
    if not terms:
        return literal(0)
    return sum(
        (case((Job.title.ilike(_like_pattern(t), escape="\\"), 1), else_=0) for t in terms),
        start=literal(0),
    )


def filtered(filters: JobFilters, today: date, *, skip: str | None = None) -> Select:
    """Open jobs matching the filters (all of them, or all but the one named by skip)."""
    statement = select(Job).where(Job.listed_on(today))
    if filters.q:
        statement = statement.where(text_condition(filters.q))
    if filters.island and skip != "island":
        statement = statement.where(Job.island == filters.island)
    if filters.category:
        statement = statement.where(Job.category == filters.category)
    if filters.type:
        statement = statement.where(Job.employment_type == filters.type)
    if filters.workplace:
        statement = statement.where(Job.workplace == filters.workplace)
    if filters.permit:
        statement = statement.where(Job.permit == filters.permit)
    if filters.salary_min is not None:
        # The best the job pays: its top figure, or its only one ("from $3,000 a month").
        best_pay = func.coalesce(Job.salary_max, Job.salary_min)
        statement = statement.where(yearly_salary(best_pay) >= filters.salary_min)
    return statement


def yearly_salary(column):
    """A salary figure as BSD per year, so hourly, monthly and yearly pay compare."""
    return case(
        (Job.salary_period == "hour", column * 2080),
        (Job.salary_period == "month", column * 12),
        else_=column,
    )


def ordered(statement: Select, filters: JobFilters) -> Select:
    if filters.sort == "salary":
        return statement.order_by(
            yearly_salary(func.coalesce(Job.salary_max, Job.salary_min)).desc().nulls_last(),
            Job.created_at.desc(),
            Job.id.desc(),
        )
    if filters.sort == "relevance" and filters.q:
        return statement.order_by(
            title_score(filters.q).desc(), Job.created_at.desc(), Job.id.desc()
        )
    return statement.order_by(Job.created_at.desc(), Job.id.desc())


@dataclass
class SearchResults:
    jobs: list[Job]
    total: int
    page: int
    pages: int
    island_counts: dict[str, int]

    def page_links(self, window: int = 2) -> list[int | None]:
        """Page numbers to link to, with None where a gap is skipped: 1 … 4 5 [6] 7 8 … 20."""
        shown = {1, self.pages, *range(self.page - window, self.page + window + 1)}
        numbers = sorted(n for n in shown if 1 <= n <= self.pages)
        links: list[int | None] = []
        for n in numbers:
            if links and n - (links[-1] or 0) > 1:
                links.append(None)
            links.append(n)
        return links


def run_search(filters: JobFilters, today: date) -> SearchResults:
    """One page of results, the total, and counts per island: three SQL statements."""
    statement = filtered(filters, today)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(filters.page, pages)
    jobs = db.session.scalars(
        ordered(statement, filters).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    by_island = filtered(filters, today, skip="island").subquery()
    island_counts = dict(
        db.session.execute(
            select(by_island.c.island, func.count()).group_by(by_island.c.island)
        ).all()
    )
    return SearchResults(list(jobs), total, page, pages, island_counts)
