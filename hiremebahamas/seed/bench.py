"""The benchmark data set (`flask seed-bench --scale S`): a believable site at scale, loaded fast.

At S=1: 20,000 people, 100,000 jobs (about 5,000 open, the rest closed or expired, each with
its advertising history), 1,000,000 posts, 3,000,000 likes, 300,000 comments, 200,000 follows,
500,000 messages in conversations, 1,000,000 notifications and some applications. S=0.01 is the
small twin. The same scale always gives the same rows (a seeded random generator; times are
relative to now, so the open jobs are open whenever it runs).

Rows are written in bulk, never one ORM object at a time: on PostgreSQL with binary COPY
(psycopg 3) after setting the tables' indexes and constraints aside, which are rebuilt once the
rows are in (as pg_restore does), all in one transaction; on SQLite with executemany in big
batches. Then the id sequences are moved past the loaded ids and the tables analysed.

Every bench account has the password BENCH_PASSWORD; the benchmark signs in with
bench_seeker_1@example.com ... and bench_employer_1@example.com ..., busy accounts with a full
feed, inbox and notifications.
"""

import gc
import random
import time
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from operator import itemgetter

from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Text, literal, select
from sqlalchemy.types import JSON

from ..auth.passwords import hash_password
from ..extensions import db
from ..models._base import utcnow
from ..timezone import nassau_today
from ..vocab import ISLANDS
from .demo_data import ENDED_JOBS, OPEN_JOBS, JobSpec, job_description

BENCH_PASSWORD = "bahamas-bench-2026"
KNOWN_SEEKERS = 8  # bench_seeker_1 ... bench_seeker_8
KNOWN_EMPLOYERS = 3  # bench_employer_1 ... bench_employer_3
SEED = 1973  # the year of independence
DAY = 86_400
HOUR = 3_600


@dataclass(frozen=True)
class Counts:
    """How many rows of each kind a scale asks for."""

    users: int
    jobs: int
    open_jobs: int
    posts: int
    likes: int
    comments: int
    follows: int
    messages: int
    notifications: int
    applications: int

    @classmethod
    def at(cls, scale: float) -> "Counts":
        base = cls(
            users=20_000,
            jobs=100_000,
            open_jobs=5_000,
            posts=1_000_000,
            likes=3_000_000,
            comments=300_000,
            follows=200_000,
            messages=500_000,
            notifications=1_000_000,
            applications=60_000,
        )
        counts = {f.name: max(1, round(getattr(base, f.name) * scale)) for f in fields(cls)}
        counts["users"] = max(counts["users"], 4 * (KNOWN_SEEKERS + KNOWN_EMPLOYERS))
        return cls(**counts)


# --- Vocabulary for people, companies, posts and messages ---------------------------------

_FIRST_NAMES = (
    "Alicia Andre Anthony Antoinette Brent Brianna Cameron Candice Carlton Chantel Cheryl "
    "Clarence Crystal Dario Deangelo Delano Denise Desmond Dominique Donovan Dorothy Dwayne "
    "Earl Elijah Erica Ethan Gail Garth Godfrey Ianthe Jamal Janelle Jerome Kendra Kevin "
    "Keisha Kristen Lamar Latoya Leroy Lynden Marcus Marvin Monique Nadine Nathaniel Nikita "
    "Oralee Patrice Perry Philip Quinton Raven Renae Rashad Sasha Shanique Shavonne Sidney "
    "Stephanie Tamika Terrance Tiffany Travis Valentino Vanessa Wendell Whitney Yolanda Zion"
)
_LAST_NAMES = (
    "Adderley Albury Bain Bethel Black Brennen Bowe Butler Campbell Cartwright Clarke Cooper "
    "Culmer Curry Darville Davis Dean Deveaux Dorsett Ferguson Forbes Fox Gibson Glinton Hanna "
    "Hepburn Higgs Ingraham Johnson Kemp Knowles Lightbourne Mackey Major McKenzie Miller "
    "Minnis Moss Munnings Newbold Nixon Outten Pinder Pratt Rahming Roberts Rolle Russell "
    "Sands Saunders Sawyer Seymour Smith Stubbs Strachan Sweeting Symonette Taylor Thompson "
    "Turnquest Wells Whyms Williams Wilson Woods Young"
)
FIRST_NAMES, LAST_NAMES = _FIRST_NAMES.split(), _LAST_NAMES.split()

# Towns people and jobs are in, per island.
ISLAND_TOWNS = {
    "abaco": ("Marsh Harbour", "Hope Town", "Treasure Cay", "Green Turtle Cay"),
    "acklins": ("Spring Point",),
    "andros": ("Nicholls Town", "Fresh Creek", "Congo Town"),
    "berry-islands": ("Great Harbour Cay",),
    "bimini": ("Alice Town",),
    "cat-island": ("Arthur's Town", "New Bight"),
    "crooked-island": ("Colonel Hill",),
    "eleuthera": ("Governor's Harbour", "Rock Sound", "Gregory Town"),
    "exuma": ("George Town", "Rolleville", "Staniel Cay"),
    "grand-bahama": ("Freeport", "Lucaya", "West End", "Eight Mile Rock"),
    "harbour-island": ("Dunmore Town",),
    "inagua": ("Matthew Town",),
    "long-island": ("Deadman's Cay", "Clarence Town", "Stella Maris"),
    "mayaguana": ("Abraham's Bay",),
    "new-providence": ("Nassau", "Cable Beach", "Paradise Island", "Carmichael", "Coral Harbour"),
    "ragged-island": ("Duncan Town",),
    "rum-cay": ("Port Nelson",),
    "san-salvador": ("Cockburn Town",),
    "spanish-wells": ("Spanish Wells",),
    "remote": ("Anywhere in The Bahamas",),
}
# Where people live: most in Nassau and Freeport, some on every Family Island.
ISLAND_WEIGHTS = {
    "new-providence": 60,
    "grand-bahama": 14,
    "abaco": 5,
    "eleuthera": 4,
    "exuma": 4,
    "andros": 3,
    "long-island": 2,
    "bimini": 1,
    "harbour-island": 1,
    "cat-island": 1,
    "spanish-wells": 1,
    "berry-islands": 1,
    "san-salvador": 1,
    "inagua": 1,
    "acklins": 0.5,
    "crooked-island": 0.5,
    "mayaguana": 0.3,
    "ragged-island": 0.2,
    "rum-cay": 0.2,
}

COMPANY_PREFIXES = (
    "Sapphire Cay",
    "Coral Crown",
    "Lignum Vitae",
    "Conch Shell",
    "Flamingo Bay",
    "Poinciana",
    "Seagrape",
    "Casuarina",
    "Bougainvillea",
    "Lucaya",
    "Junkanoo",
    "Pineapple Point",
    "Blue Hole",
    "Bonefish Flats",
    "Palmetto",
    "Hibiscus",
    "Royal Palm",
    "Queen Conch",
    "Tongue of the Ocean",
    "Pink Sands",
    "Yellow Elder",
    "Silver Cay",
    "Loyalist",
    "Out Island",
    "Island Breeze",
    "Turtle Grass",
    "Sea Fan",
    "Mangrove",
    "Rock Iguana",
    "Thunderball",
    "Fort Charlotte",
    "Bay Street",
    "Potter's Cay",
    "Arawak Cay",
    "Cotton Bay",
    "Windermere",
    "Cherokee Sound",
    "Sugar Apple",
    "Guinep Tree",
    "Sapodilla",
)
# Kinds of business per category, and a line about what they do.
COMPANY_KINDS = {
    "hospitality-tourism": (
        ("Resort", "a beach resort with two restaurants, a spa and a dive shop"),
        ("Inn & Villas", "a small inn with twelve villas on the water"),
        ("Tours", "boat tours, snorkelling trips and island excursions"),
    ),
    "financial-services": (
        ("Bank & Trust", "personal, business and private banking since 1985"),
        ("Insurance Brokers", "home, motor and health insurance for families and firms"),
    ),
    "construction-trades": (
        ("Construction", "homes, hotels and hurricane-resilient public buildings"),
        ("Electrical & Solar", "wiring, generators and solar installations"),
    ),
    "healthcare": (
        ("Medical Clinic", "family medicine, urgent care and a pharmacy"),
        ("Dental Centre", "family dentistry and orthodontics"),
    ),
    "education": (("Academy", "an independent primary and secondary school"),),
    "retail-sales": (
        ("Foodstores", "a grocery chain on several islands"),
        ("Hardware", "building supplies, paint and tools"),
    ),
    "government-public-service": (
        ("Development Authority", "small business, farming and disaster readiness"),
    ),
    "maritime-fishing": (
        ("Marina", "slips, a fuel dock, a boat yard and a charter fleet"),
        ("Fisheries", "lobster, conch and snapper for local stores and export"),
    ),
    "agriculture": (("Growers Co-operative", "a farm, a packing house and a fish house"),),
    "technology": (
        ("Labs", "payment, booking and logistics apps for Caribbean businesses"),
        ("Networks", "internet, phone lines and IT support for offices"),
    ),
    "administration-office": (("Business Services", "bookkeeping, payroll and office staff"),),
    "transport-logistics": (
        ("Freight & Ferry", "freight, mail boats and ferries to the Family Islands"),
        ("Couriers", "same-day delivery across New Providence and Grand Bahama"),
    ),
    "other": (("Events", "weddings, regattas and Junkanoo parties"),),
}
SKILLS = (
    "customer service",
    "cash handling",
    "Excel",
    "first aid",
    "food safety",
    "bookkeeping",
    "QuickBooks",
    "forklift licence",
    "boat handling",
    "diesel maintenance",
    "electrical installation",
    "solar PV",
    "carpentry",
    "plumbing",
    "welding",
    "AML and KYC",
    "payroll",
    "Spanish",
    "Haitian Creole",
    "French",
    "Python",
    "JavaScript",
    "network support",
    "triage",
    "phlebotomy",
    "classroom management",
    "lesson planning",
    "bartending",
    "housekeeping",
    "front desk systems",
    "driving (class B)",
    "inventory control",
    "sales",
    "social media",
    "photography",
    "event planning",
    "farming",
    "heavy equipment",
    "scuba instruction",
    "project management",
)
SEEKER_HEADLINES = (
    "{title} looking for work in {island}",
    "Experienced {title}, {years} years in {island}",
    "{title}: reliable, trained and ready to start",
    "Graduate looking for a first job as a {title}",
    "{title} open to work anywhere in The Bahamas",
)
SEEKER_BIOS = (
    "Born and raised in {town}. {years} years of experience; I take pride in my work and "
    "in turning up on time.",
    "I have worked as a {title} in {town} and I am looking for my next step, ideally close "
    "to home.",
    "Finished my studies at UB and have spent the summers working in {town}. Quick learner, "
    "good with people.",
)
WORK_STATUS_WEIGHTS = (("citizen", 80), ("permanent_resident", 8), ("permit_holder", 7))

SEEKER_POSTS = (
    "Just finished my first week as a {title} in {town}. Tired, happy, and grateful.",
    "Does anybody know who is hiring a {title} on {island}? Happy to relocate.",
    "Passed my {skill} course today! On to the next one.",
    "Tip for anyone job hunting: bring a printed résumé, even if you applied online. It "
    "made the difference for me in {town}.",
    "Five years as a {title} this month. Thank you to everyone who taught me along the way.",
    "Looking for a carpool from {town} to work, Monday to Friday, early shift.",
    "Hurricane season reminder: have your documents and your references saved somewhere "
    "safe. Employers still ask for them after a storm.",
    "Volunteered at the regatta in {town} this weekend. Great people, great boats.",
    "Which {skill} course on {island} would you recommend? Looking to add a skill this year.",
    "Had my interview for a {title} role today. Fingers crossed!",
    "Grateful for the mentors in {town} who keep opening doors for young Bahamians.",
    "Three things I learned in my first year as a {title}: listen first, write it down, "
    "and never be late for the mail boat.",
)
EMPLOYER_POSTS = (
    "We're growing in {town}! Watch this space for new openings this season.",
    "Congratulations to our team in {town} for a record month. Thank you all.",
    "Our doors are open for students looking for summer work on {island}. Apply through our "
    "jobs on HireMeBahamas.",
    "Proud to train and promote Bahamians: three of our supervisors started as juniors here.",
    "We'll be at the job fair in {town} on Saturday. Come and say hello.",
    "Thank you to everyone who applied last month. We read every application.",
    "Closed on Monday for the holiday; back to normal hours on Tuesday.",
    "New benefits for our staff this year: health insurance from the first month.",
)
ANNOUNCEMENTS = (
    "We're hiring a {title} in {location}. Details and how to apply are on our profile.",
    "New opening: {title}, {location}. Know someone who would be great? Please share.",
    "Join our team as a {title} in {location}. Applications close on {closes}.",
)
COMMENTS = (
    "Congratulations!",
    "Well done, proud of you.",
    "This is great news.",
    "Good luck!",
    "Thanks for sharing this.",
    "I know someone who would be perfect for this, sending it on.",
    "Is this still open?",
    "Same here, it takes time but it comes.",
    "Love to see it.",
    "Keep going, you've got this.",
    "Where in {town}?",
    "Great advice.",
    "Following for updates.",
    "Happy for you!",
    "Sent you a message.",
)
MESSAGES = (
    "Hi, thanks for connecting. Are you still looking for work?",
    "Good morning! I saw your post about the opening, is it still available?",
    "Yes, it is. Could you send me your résumé?",
    "I've just applied through the site. Thank you for letting me know.",
    "Can we talk on Thursday at 10?",
    "Thursday at 10 works for me.",
    "Thank you for your time today, it was good to meet you.",
    "Do you have your police certificate? We need it before you start.",
    "I'll bring it on Monday.",
    "Congratulations, we'd like to offer you the position.",
    "That's wonderful news, thank you! When would I start?",
    "Hey! Long time. How is everything in {town}?",
    "All good here. Still at the same place?",
    "Are you going to the job fair on Saturday?",
    "See you there.",
    "Thanks!",
)
COVER_LETTERS = (
    "I would like to apply for the {title} position. I have {years} years of experience and "
    "live in {town}, so I can start at short notice.",
    "Please consider my application for {title}. I am hard-working, reliable and eager to "
    "learn, and my references are available on request.",
)
NOTIFICATION_TEXTS = {
    "new_follower": "{} started following you.",
    "post_liked": "{} liked your post.",
    "post_commented": "{} commented on your post.",
    "new_message": "{} sent you a message.",
    "new_application": "{} applied for {}.",
    "application_status": "{} moved your application for {} to {}.",
}


# --- Loading --------------------------------------------------------------------------------


def copy_type(column) -> str:
    """The PostgreSQL type name binary COPY sends a column's values as."""
    kind = column.type
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, DateTime):
        return "timestamptz" if kind.timezone else "timestamp"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Integer):
        return "int4"
    if isinstance(kind, LargeBinary):
        return "bytea"
    if isinstance(kind, JSON):
        return "json"
    if isinstance(kind, Text):
        return "text"
    if isinstance(kind, String):
        return "varchar"
    raise TypeError(f"no COPY type for {column}")


def sqlite_value(value):
    """SQLite stores times as SQLAlchemy does: naive UTC text with microseconds."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Loader:
    """Writes rows of one table after another, in one transaction."""

    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.raw = db.engine.raw_connection()
        self.connection = self.raw.driver_connection
        self.postgres = db.engine.dialect.name == "postgresql"
        self.totals: dict[str, int] = {}

    def tables(self) -> list:
        return list(db.metadata.sorted_tables)

    def has_data(self) -> list[str]:
        """The tables that have any rows."""
        found = []
        with db.engine.connect() as connection:
            for table in self.tables():
                if connection.execute(select(literal(1)).select_from(table).limit(1)).first():
                    found.append(table.name)
        return found

    def empty_tables(self) -> None:
        cursor = self.raw.cursor()
        if self.postgres:
            names = ", ".join(table.name for table in self.tables())
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for table in reversed(self.tables()):
                cursor.execute(f"DELETE FROM {table.name}")
            cursor.execute(
                "DELETE FROM sqlite_sequence WHERE 1"
                if self._sqlite_has_sequence(cursor)
                else "SELECT 1"
            )
        cursor.close()

    @staticmethod
    def _sqlite_has_sequence(cursor) -> bool:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
        return cursor.fetchone() is not None

    # PostgreSQL: bulk loads are fastest into bare tables (the pg_restore order).

    def set_constraints_aside(self) -> None:
        """Drop foreign keys, primary keys, unique constraints and indexes of the app's tables,
        remembering their definitions; restore_constraints puts them back. Both run inside
        the load's transaction, so a failed load leaves the schema as it was."""
        names = [table.name for table in self.tables()]
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, c.contype,"
                " pg_get_constraintdef(c.oid)"
                " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                " JOIN pg_namespace n ON n.oid = t.relnamespace"
                " WHERE n.nspname = current_schema() AND t.relname = ANY(%s)"
                " AND c.contype IN ('f', 'p', 'u')",
                (names,),
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i"
                " WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                "   WHERE c.conname = i.indexname AND c.contype IN ('p', 'u'))",
                (names,),
            )
            indexes = cursor.fetchall()
            # Foreign keys first (they depend on the keys they point at), then keys, indexes.
            for table, name, _kind, _ in sorted(constraints, key=lambda c: c[2] != "f"):
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        # Keys, then indexes, then the foreign keys that need the keys.
        self.restore = [
            *(
                f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
                for table, name, kind, definition in constraints
                if kind != "f"
            ),
            *(definition for _, definition in indexes),
            *(
                f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
                for table, name, kind, definition in constraints
                if kind == "f"
            ),
        ]

    def restore_constraints(self) -> None:
        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in self.restore:
                cursor.execute(statement)
        self.progress(
            f"  {'keys, indexes, foreign keys':<30} {len(self.restore):>10,} rebuilt"
            f"   in {time.perf_counter() - started:6.1f} s"
        )

    def load(
        self,
        table_name: str,
        columns: tuple[str, ...],
        rows: Iterable[tuple],
        started: float | None = None,
    ) -> int:
        """Write the rows (tuples in `columns` order) and report the rate (counted from
        `started` when the rows were made beforehand)."""
        started = started or time.perf_counter()
        table = db.metadata.tables[table_name]
        count = 0
        if self.postgres:
            statement = f"COPY {table_name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
            with self.connection.cursor() as cursor, cursor.copy(statement) as cp:
                cp.set_types([copy_type(table.c[name]) for name in columns])
                for row in rows:
                    cp.write_row(row)
                    count += 1
        else:
            placeholders = ", ".join("?" for _ in columns)
            statement = f"INSERT INTO {table_name} ({', '.join(columns)}) VALUES ({placeholders})"
            cursor = self.raw.cursor()
            batch: list[tuple] = []
            for row in rows:
                batch.append(tuple(sqlite_value(value) for value in row))
                if len(batch) >= 20_000:
                    cursor.executemany(statement, batch)
                    count += len(batch)
                    batch.clear()
            cursor.executemany(statement, batch)
            count += len(batch)
            cursor.close()
        seconds = max(time.perf_counter() - started, 1e-6)
        self.totals[table_name] = self.totals.get(table_name, 0) + count
        self.progress(
            f"  {table_name:<30} {count:>10,} rows in {seconds:6.1f} s"
            f" ({count / seconds:>9,.0f} rows/s)"
        )
        return count

    def finish(self) -> None:
        """Commit, move every id sequence past the loaded ids, and analyse the tables."""
        started = time.perf_counter()
        if self.postgres:
            with self.connection.cursor() as cursor:
                for table in self.tables():
                    if "id" in table.c and table.c.id.primary_key:
                        cursor.execute(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                            f" COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
                        )
            self.raw.commit()
            # VACUUM (not allowed in a transaction) also sets the visibility map, so counts
            # can use index-only scans as they would on a settled production database.
            self.connection.autocommit = True
            with self.connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
                cursor.execute("VACUUM ANALYZE")
                cursor.execute("RESET statement_timeout")
            self.connection.autocommit = False
        else:
            self.raw.commit()
            cursor = self.raw.cursor()
            cursor.execute("ANALYZE")
            cursor.close()
        self.progress(
            f"  {'sequences, ANALYZE':<30} {'':>10}     in {time.perf_counter() - started:6.1f} s"
        )

    def close(self) -> None:
        self.raw.close()


# --- The data set ---------------------------------------------------------------------------


class WeightedPicker:
    """Draws indexes in proportion to fixed weights (bisect on the running totals)."""

    def __init__(self, weights: list[float], rng: random.Random) -> None:
        self.totals = list(accumulate(weights))
        self.total = self.totals[-1]
        self.rng = rng

    def pick(self) -> int:
        return bisect(self.totals, self.rng.random() * self.total)

    def picks(self, k: int) -> list[int]:
        totals, total, rnd = self.totals, self.total, self.rng.random
        return [bisect(totals, rnd() * total) for _ in range(k)]


def spread(total: int, slots: int, picker: WeightedPicker, cap: int) -> list[int]:
    """`total` items shared among `slots` by weight, at most `cap` each."""
    counts = [0] * slots
    for index in picker.picks(total):
        if counts[index] < cap:
            counts[index] += 1
    return counts


class BenchSeeder:
    def __init__(self, scale: float, progress: Callable[[str], None]) -> None:
        self.scale = scale
        self.counts = Counts.at(scale)
        self.progress = progress
        self.rng = random.Random(f"{SEED}:{scale}")
        self.now = int(utcnow().timestamp())
        self.today = nassau_today()
        # Per user (index = id - 1).
        self.is_employer: list[bool] = []
        self.usernames: list[str] = []
        self.display: list[str] = []
        self.islands: list[str] = []
        self.joined: list[int] = []
        self.work_status: list[str | None] = []
        self.employer_ids: list[int] = []
        self.seeker_ids: list[int] = []
        # Per job (index = id - 1): (employer id, title, created, state, closes_on, ends).
        self.jobs: list[tuple] = []
        # Notifications to write: (time, user id, kind, actor id, link, extra).
        self.notes: list[tuple] = []

    @staticmethod
    def at(seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, UTC)

    def town(self, island: str) -> str:
        return self.rng.choice(ISLAND_TOWNS[island])

    def run(self, loader: Loader) -> str:
        started = time.perf_counter()
        c = self.counts
        self.progress(
            f"seed-bench: scale {self.scale:g}: {c.users:,} users, {c.jobs:,} jobs"
            f" ({c.open_jobs:,} open), {c.posts:,} posts, {c.likes:,} likes, {c.comments:,}"
            f" comments, {c.follows:,} follows, {c.messages:,} messages,"
            f" {c.notifications:,} notifications, {c.applications:,} applications"
        )
        self.password_hash = hash_password(BENCH_PASSWORD)  # once: hashing is slow by design
        if loader.postgres:
            loader.set_constraints_aside()
        loader.load("users", *self.users())
        loader.load("jobs", *self.job_rows())
        loader.load("job_events", *self.job_events())
        loader.load("follows", *self.follows())
        self.applications(loader)
        self.conversations(loader)
        self.posts(loader)
        loader.load("notifications", *self.notifications())
        if loader.postgres:
            loader.restore_constraints()
        loader.finish()
        seconds = time.perf_counter() - started
        rows = sum(loader.totals.values())
        return (
            f"{rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s) at scale"
            f" {self.scale:g}: {c.users:,} users, {c.jobs:,} jobs ({self.open_count:,} open),"
            f" {loader.totals['posts']:,} posts, {loader.totals['post_likes']:,} likes,"
            f" {loader.totals['messages']:,} messages,"
            f" {loader.totals['notifications']:,} notifications;"
            f" sign in as bench_seeker_1@example.com or bench_employer_1@example.com,"
            f" password {BENCH_PASSWORD}"
        )

    # Users

    def users(self) -> tuple[tuple[str, ...], Iterator[tuple]]:
        rng, n = self.rng, self.counts.users
        islands = list(ISLAND_WEIGHTS)
        island_picker = WeightedPicker(list(ISLAND_WEIGHTS.values()), rng)
        categories = list(COMPANY_KINDS)
        titles = {category: [spec.title for spec in specs] for category, specs in OPEN_JOBS.items()}
        # The known accounts first, then one person in ten an employer.
        kinds = ["seeker"] * KNOWN_SEEKERS + ["employer"] * KNOWN_EMPLOYERS
        kinds += ["employer" if rng.random() < 0.1 else "seeker" for _ in range(n - len(kinds))]
        joined = sorted(rng.randint(self.now - 3 * 365 * DAY, self.now - 30 * DAY) for _ in kinds)
        companies: set[str] = set()
        self.categories_of: dict[int, str] = {}
        self.about_of: dict[int, str] = {}
        known = {"seeker": 0, "employer": 0}
        columns = (
            "id",
            "email",
            "username",
            "name",
            "password_hash",
            "account_type",
            "company_name",
            "company_website",
            "headline",
            "bio",
            "skills",
            "island",
            "work_status",
            "open_to_work",
            "is_admin",
            "session_version",
            "created_at",
            "last_seen_at",
            "email_verified_at",
            "email_on_application",
            "email_on_status",
            "email_on_message",
            "email_on_alerts",
        )

        def rows() -> Iterator[tuple]:
            for user_id, (kind, created) in enumerate(zip(kinds, joined, strict=True), start=1):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                name = f"{first} {last}"
                island = islands[island_picker.pick()]
                town = self.town(island)
                category = rng.choice(categories)
                company = website = bio = skills = work_status = None
                open_to_work = False
                if kind == "employer":
                    prefix = rng.choice(COMPANY_PREFIXES)
                    kind_name, about = rng.choice(COMPANY_KINDS[category])
                    company = f"{prefix} {kind_name}"
                    if company in companies:
                        company = f"{company} {ISLANDS[island]}"
                    if company in companies:
                        company = f"{company} {user_id}"
                    companies.add(company)
                    slug = "".join(ch for ch in prefix.lower() if ch.isalnum())
                    website = f"https://{slug}{user_id}.example.com/"
                    headline = f"{kind_name} in {town}: {about}"
                    bio = f"{company} runs {about} in {town}, {ISLANDS[island]}."
                    self.categories_of[user_id] = category
                    self.about_of[user_id] = bio
                    self.employer_ids.append(user_id)
                else:
                    title = rng.choice(titles[category])
                    years = rng.randint(1, 20)
                    headline = rng.choice(SEEKER_HEADLINES).format(
                        title=title, island=ISLANDS[island], years=years
                    )
                    bio = rng.choice(SEEKER_BIOS).format(title=title, town=town, years=years)
                    skills = ", ".join(rng.sample(SKILLS, rng.randint(3, 6)))
                    roll = rng.random() * 100
                    for status, weight in WORK_STATUS_WEIGHTS:
                        if roll < weight:
                            work_status = status
                            break
                        roll -= weight
                    open_to_work = rng.random() < 0.4
                    self.seeker_ids.append(user_id)
                if known[kind] < (KNOWN_SEEKERS if kind == "seeker" else KNOWN_EMPLOYERS):
                    known[kind] += 1
                    username = f"bench_{kind}_{known[kind]}"
                    email = f"{username}@example.com"
                else:
                    username = f"{first.lower()}_{last.lower()}{user_id}"
                    email = f"{first.lower()}.{last.lower()}{user_id}@example.com"
                self.is_employer.append(kind == "employer")
                self.usernames.append(username)
                self.display.append(company or name)
                self.islands.append(island)
                self.joined.append(created)
                self.work_status.append(work_status)
                seen = rng.randint(max(created, self.now - 60 * DAY), self.now)
                yield (
                    user_id,
                    email,
                    username,
                    name,
                    self.password_hash,
                    kind,
                    company,
                    website,
                    headline,
                    bio,
                    skills,
                    island,
                    work_status,
                    open_to_work,
                    False,
                    1,
                    self.at(created),
                    self.at(seen),
                    self.at(created + rng.randint(60, 3 * DAY)),
                    True,
                    True,
                    True,
                    True,
                )

        return columns, rows()

    def activity(self) -> WeightedPicker:
        """How much each person does: a long tail, with the bench accounts among the busiest."""
        if not hasattr(self, "_activity"):
            rng = self.rng
            weights = [min(rng.paretovariate(1.3), 60.0) for _ in range(self.counts.users)]
            for index in range(KNOWN_SEEKERS + KNOWN_EMPLOYERS):
                weights[index] = 40.0
            self._activity = WeightedPicker(weights, rng)
        return self._activity

    # Jobs

    def job_rows(self) -> tuple[tuple[str, ...], Iterator[tuple]]:
        rng, c = self.rng, self.counts
        templates: dict[str, list[JobSpec]] = {cat: list(specs) for cat, specs in OPEN_JOBS.items()}
        for category, _, spec in ENDED_JOBS:
            templates[category].append(spec)
        all_templates = [(cat, spec) for cat, specs in templates.items() for spec in specs]
        employers = self.employer_ids
        known = employers[:KNOWN_EMPLOYERS]
        per_known = max(1, min(10, c.open_jobs // 50))
        today = self.today
        plans = []  # (created, state, employer, closes_on, closed_at)
        ended = c.jobs - c.open_jobs
        for index in range(c.jobs):
            if index < c.open_jobs:
                state = "open"
                created = rng.randint(self.now - 45 * DAY, self.now - HOUR)
                closes_on = today + timedelta(days=rng.randint(7, 110))
                closed_at = None
            else:
                state = "closed" if index - c.open_jobs < ended * 0.6 else "expired"
                created = rng.randint(self.now - 730 * DAY, self.now - 50 * DAY)
                created_day = self.at(created).date()
                closes_on = created_day + timedelta(days=rng.randint(14, 45))
                closed_at = None
                if state == "closed":
                    closed_at = created + rng.randint(3 * DAY, 14 * DAY)
            if index < per_known * len(known):
                employer = known[index % len(known)]
            else:
                employer = employers[int(len(employers) * rng.random() ** 2)]
            plans.append((created, state, employer, closes_on, closed_at))
        plans.sort(key=itemgetter(0))
        self.open_count = c.open_jobs
        columns = (
            "id",
            "employer_id",
            "title",
            "description",
            "island",
            "location",
            "category",
            "employment_type",
            "workplace",
            "salary_min",
            "salary_max",
            "salary_period",
            "closes_on",
            "permit",
            "status",
            "created_at",
            "updated_at",
            "closed_at",
        )

        def rows() -> Iterator[tuple]:
            for job_id, (created, state, employer, closes_on, closed_at) in enumerate(
                plans, start=1
            ):
                category = self.categories_of[employer]
                if rng.random() < 0.8:
                    spec = rng.choice(templates[category])
                else:
                    category, spec = rng.choice(all_templates)
                if spec.island == "remote":
                    island, location = "remote", ISLAND_TOWNS["remote"][0]
                else:
                    island = self.islands[employer - 1] if rng.random() < 0.7 else spec.island
                    location = self.town(island)
                pay = spec.pay
                if pay is not None and rng.random() < 0.15:
                    pay = None
                elif pay is not None:
                    factor = rng.uniform(0.85, 1.2)
                    low = max(1, round(pay[0] * factor))
                    pay = (low, max(low, round(pay[1] * factor)), pay[2])
                spec = spec._replace(island=island, location=location, pay=pay)
                company = self.display[employer - 1]
                description = job_description(
                    category, spec, company, self.about_of[employer], closes_on, rng
                )
                low, high, period = pay or (None, None, None)
                self.jobs.append((employer, spec.title, created, state, closed_at, description))
                yield (
                    job_id,
                    employer,
                    spec.title,
                    description,
                    island,
                    location,
                    category,
                    spec.employment_type,
                    spec.workplace,
                    low,
                    high,
                    period,
                    closes_on,
                    spec.permit,
                    "closed" if state == "closed" else "open",
                    self.at(created),
                    self.at(closed_at or created),
                    self.at(closed_at) if closed_at else None,
                )

        return columns, rows()

    def job_events(self) -> tuple[tuple[str, ...], Iterator[tuple]]:
        """The advertising history: each job published, and closed where it was."""
        columns = ("id", "job_id", "kind", "by_user_id", "title", "description", "created_at")

        def rows() -> Iterator[tuple]:
            event_id = 0
            for job_id, (employer, title, created, _, closed_at, description) in enumerate(
                self.jobs, start=1
            ):
                event_id += 1
                yield (
                    event_id,
                    job_id,
                    "published",
                    employer,
                    title,
                    description,
                    self.at(created),
                )
                if closed_at:
                    event_id += 1
                    yield (
                        event_id,
                        job_id,
                        "closed",
                        employer,
                        title,
                        description,
                        self.at(closed_at),
                    )

        return columns, rows()

    # Follows

    def follows(self) -> tuple[tuple[str, ...], Iterator[tuple]]:
        rng, n = self.rng, self.counts.users
        popularity = [
            (4.0 if employer else 1.0) * min(rng.paretovariate(1.2), 200.0)
            for employer in self.is_employer
        ]
        for index in range(KNOWN_SEEKERS + KNOWN_EMPLOYERS):
            popularity[index] = 100.0
        popular = WeightedPicker(popularity, rng)
        cap = max(1, n // 3)
        per_user = spread(self.counts.follows, n, self.activity(), cap)
        columns = ("follower_id", "followed_id", "created_at")

        def rows() -> Iterator[tuple]:
            for follower, wanted in enumerate(per_user, start=1):
                chosen: set[int] = set()
                tries = 0
                while len(chosen) < wanted and tries < wanted * 20:
                    tries += 1
                    followed = popular.pick() + 1
                    if followed != follower:
                        chosen.add(followed)
                for followed in sorted(chosen):
                    start = max(self.joined[follower - 1], self.joined[followed - 1])
                    moment = rng.randint(start, self.now)
                    self.notes.append((moment, followed, "new_follower", follower, 0, None))
                    yield (follower, followed, self.at(moment))

        return columns, rows()

    # Applications

    def applications(self, loader: Loader) -> None:
        rng, c = self.rng, self.counts
        seekers = self.seeker_ids
        jobs = self.jobs
        today_end = self.now
        taken: set[tuple[int, int]] = set()
        apps = []  # (id, job_id, applicant, created, status, path, employer, title)
        # Open jobs draw half the applications; the rest went to jobs that have ended.
        open_ids = [i for i, job in enumerate(jobs, start=1) if job[3] == "open"]
        for _ in range(c.applications):
            if open_ids and rng.random() < 0.5:
                job_id = rng.choice(open_ids)
            else:
                job_id = rng.randint(1, len(jobs))
            applicant = seekers[int(len(seekers) * rng.random() ** 1.5)]
            if (job_id, applicant) in taken:
                continue
            taken.add((job_id, applicant))
            employer, title, created, state, closed_at, _ = jobs[job_id - 1]
            ends = min(closed_at or created + 40 * DAY, today_end)
            applied = rng.randint(created + HOUR, max(created + HOUR, ends))
            applied = min(applied, today_end)
            roll = rng.random()
            if state == "open":
                if roll < 0.5:
                    path = ("applied",)
                elif roll < 0.7:
                    path = ("applied", "reviewing")
                elif roll < 0.8:
                    path = ("applied", "reviewing", "interview")
                elif roll < 0.95:
                    path = ("applied", "reviewing", "rejected")
                else:
                    path = ("applied", "withdrawn")
            else:
                if roll < 0.7:
                    path = ("applied", "reviewing", "rejected")
                elif roll < 0.75:
                    path = ("applied", "reviewing", "interview", "offer", "hired")
                elif roll < 0.85:
                    path = ("applied", "withdrawn")
                else:
                    path = ("applied", "reviewing")
            apps.append((len(apps) + 1, job_id, applicant, applied, path, employer, title))

        columns = (
            "id",
            "job_id",
            "applicant_id",
            "cover_letter",
            "applicant_work_status",
            "status",
            "created_at",
            "updated_at",
        )
        history: list[tuple] = []

        def rows() -> Iterator[tuple]:
            for app_id, job_id, applicant, applied, path, employer, title in apps:
                moments = [applied]
                for _ in path[1:]:
                    moments.append(min(moments[-1] + rng.randint(HOUR, 7 * DAY), self.now))
                for previous, status, moment in zip((None, *path[:-1]), path, moments, strict=True):
                    by = applicant if status in ("applied", "withdrawn") else employer
                    history.append((app_id, previous, status, by, self.at(moment)))
                    if status == "applied":
                        note = (moment, employer, "new_application", applicant, job_id, title)
                        self.notes.append(note)
                    elif status != "withdrawn":
                        note = (
                            moment,
                            applicant,
                            "application_status",
                            employer,
                            0,
                            (title, status),
                        )
                        self.notes.append(note)
                home = ISLAND_TOWNS[self.islands[applicant - 1]][0]
                letter = rng.choice(COVER_LETTERS).format(
                    title=title, years=rng.randint(1, 15), town=home
                )
                yield (
                    app_id,
                    job_id,
                    applicant,
                    letter,
                    self.work_status[applicant - 1],
                    path[-1],
                    self.at(applied),
                    self.at(moments[-1]),
                )

        loader.load("job_applications", columns, rows())
        loader.load(
            "application_status_changes",
            ("application_id", "from_status", "to_status", "changed_by_id", "created_at"),
            history,
        )

    # Conversations and messages

    def conversations(self, loader: Loader) -> None:
        rng, c, n = self.rng, self.counts, self.counts.users
        wanted = max(1, c.messages // 8)
        pairs: dict[tuple[int, int], int] = {}  # (low, high) -> who wrote first
        busy = self.activity()
        # The bench accounts each have a full inbox.
        for user in range(1, KNOWN_SEEKERS + KNOWN_EMPLOYERS + 1):
            for _ in range(min(40, max(3, wanted // 200))):
                other = rng.randint(1, n)
                if other != user:
                    pairs.setdefault((min(user, other), max(user, other)), other)
        tries = 0
        while len(pairs) < wanted and tries < wanted * 10:
            tries += 1
            first, second = busy.pick() + 1, rng.randint(1, n)
            if first != second:
                pairs.setdefault((min(first, second), max(first, second)), first)
        ordered = list(pairs.items())
        sizes = [1] * len(ordered)
        extra = c.messages - len(ordered)
        if extra > 0:
            weights = [rng.random() ** 2 + 0.05 for _ in ordered]
            for index, more in enumerate(
                spread(extra, len(ordered), WeightedPicker(weights, rng), 200)
            ):
                sizes[index] += more
        conversations: list[tuple] = []
        messages: list[tuple] = []

        def message_rows() -> Iterator[tuple]:
            message_id = 0
            for conversation_id, (((low, high), first), size) in enumerate(
                zip(ordered, sizes, strict=True), start=1
            ):
                second = high if first == low else low
                start = rng.randint(
                    max(self.joined[low - 1], self.joined[high - 1], self.now - 180 * DAY),
                    self.now - 10 * 60,
                )
                end = min(self.now, start + rng.randint(HOUR, 30 * DAY))
                times = sorted(rng.randint(start, end) for _ in range(size))
                sender = first
                unread_last = times[-1] > self.now - 14 * DAY and rng.random() < 0.3
                town = ISLAND_TOWNS[self.islands[first - 1]][0]
                for index, moment in enumerate(times):
                    if index and rng.random() < 0.6:
                        sender = second if sender == first else first
                    recipient = second if sender == first else first
                    message_id += 1
                    last = index == size - 1
                    body = rng.choice(MESSAGES).format(town=town)
                    if last and unread_last:
                        read_at = None
                        mailed_at = self.at(moment + 600) if moment + 600 < self.now else None
                        note = (moment, recipient, "new_message", sender, 0, None)
                        self.notes.append(note)
                    else:
                        read_at = self.at(min(moment + rng.randint(60, 6 * HOUR), self.now))
                        mailed_at = None
                        if index == 0:
                            note = (moment, recipient, "new_message", sender, 0, None)
                            self.notes.append(note)
                    yield (
                        message_id,
                        conversation_id,
                        sender,
                        recipient,
                        body,
                        self.at(moment),
                        read_at,
                        mailed_at,
                    )
                conversations.append(
                    (conversation_id, low, high, self.at(times[0]), self.at(times[-1]))
                )

        # Messages are made first (they fix each conversation's times) and written second; the
        # conversations' rate includes making the messages.
        started = time.perf_counter()
        messages = list(message_rows())
        loader.load(
            "conversations",
            ("id", "user_low_id", "user_high_id", "created_at", "last_message_at"),
            conversations,
            started,
        )
        loader.load(
            "messages",
            (
                "id",
                "conversation_id",
                "sender_id",
                "recipient_id",
                "body",
                "created_at",
                "read_at",
                "mailed_at",
            ),
            messages,
        )

    # Posts, likes and comments

    def posts(self, loader: Loader) -> None:
        rng, c, n = self.rng, self.counts, self.counts.users
        plans: list[tuple] = []  # (created, author, job_id or None)
        # Some jobs were announced in a post by their employer.
        for job_id, (employer, _, created, _, _, _) in enumerate(self.jobs, start=1):
            if rng.random() < 0.3 and len(plans) < c.posts // 4:
                plans.append((min(created + rng.randint(60, 3 * HOUR), self.now), employer, job_id))
        busy = self.activity()
        year_ago = self.now - 365 * DAY
        for author_index in busy.picks(c.posts - len(plans)):
            start = max(self.joined[author_index], year_ago)
            plans.append((rng.randint(start, self.now), author_index + 1, None))
        plans.sort(key=itemgetter(0, 1))
        popularity = WeightedPicker([rng.expovariate(1.0) ** 3 for _ in plans], rng)
        likes = spread(c.likes, len(plans), popularity, n - 1)
        comments = spread(c.comments, len(plans), popularity, 500)
        # The notifications not already made (follows, messages, applications) are likes'.
        share = max(0.0, (c.notifications - len(self.notes) - sum(comments)) / max(1, c.likes))
        titles = {cat: [spec.title for spec in specs] for cat, specs in OPEN_JOBS.items()}
        all_titles = [title for group in titles.values() for title in group]

        def post_rows() -> Iterator[tuple]:
            for post_id, (created, author, job_id) in enumerate(plans, start=1):
                island = self.islands[author - 1]
                town = self.town(island)
                if job_id is not None:
                    _, title, _, _, _, _ = self.jobs[job_id - 1]
                    closes_on = self.at(created) + timedelta(days=30)
                    closes = f"{closes_on.day} {closes_on:%B}"
                    body = rng.choice(ANNOUNCEMENTS).format(
                        title=title, location=town, closes=closes
                    )
                elif self.is_employer[author - 1]:
                    body = rng.choice(EMPLOYER_POSTS).format(town=town, island=ISLANDS[island])
                else:
                    body = rng.choice(SEEKER_POSTS).format(
                        title=rng.choice(all_titles),
                        town=town,
                        island=ISLANDS[island],
                        skill=rng.choice(SKILLS),
                    )
                yield (
                    post_id,
                    author,
                    body,
                    job_id,
                    likes[post_id - 1],
                    comments[post_id - 1],
                    self.at(created),
                )

        loader.load(
            "posts",
            ("id", "author_id", "body", "job_id", "like_count", "comment_count", "created_at"),
            post_rows(),
        )

        def like_rows() -> Iterator[tuple]:
            users = range(1, n + 1)
            for post_id, (created, author, _) in enumerate(plans, start=1):
                wanted = likes[post_id - 1]
                if not wanted:
                    continue
                likers = [u for u in rng.sample(users, wanted + 1) if u != author][:wanted]
                window = max(60, min(self.now - created, 14 * DAY))
                for liker in sorted(likers):
                    moment = min(created + int(window * rng.random() ** 2), self.now)
                    if rng.random() < share:
                        self.notes.append((moment, author, "post_liked", liker, post_id, None))
                    yield (post_id, liker, self.at(moment))

        loader.load("post_likes", ("post_id", "user_id", "created_at"), like_rows())

        def comment_rows() -> Iterator[tuple]:
            comment_id = 0
            for post_id, (created, author, _) in enumerate(plans, start=1):
                wanted = comments[post_id - 1]
                if not wanted:
                    continue
                window = max(60, min(self.now - created, 7 * DAY))
                town = ISLAND_TOWNS[self.islands[author - 1]][0]
                for _ in range(wanted):
                    comment_id += 1
                    commenter = busy.pick() + 1
                    moment = min(created + int(window * rng.random() ** 2), self.now)
                    if commenter != author:
                        self.notes.append(
                            (moment, author, "post_commented", commenter, post_id, None)
                        )
                    body = rng.choice(COMMENTS).format(town=town)
                    yield (comment_id, post_id, commenter, body, self.at(moment))

        loader.load(
            "post_comments",
            ("id", "post_id", "author_id", "body", "created_at"),
            comment_rows(),
        )

    # Notifications

    def notifications(self) -> tuple[tuple[str, ...], Iterator[tuple]]:
        rng = self.rng
        notes = self.notes
        when = itemgetter(0)
        if len(notes) > self.counts.notifications:  # keep the wanted number, newest first
            notes.sort(key=when, reverse=True)
            del notes[self.counts.notifications :]
        notes.sort(key=when)
        unread_after = self.now - 2 * DAY
        columns = ("id", "user_id", "kind", "actor_id", "text", "link", "created_at", "read_at")

        def rows() -> Iterator[tuple]:
            for note_id, (moment, user, kind, actor, ref, extra) in enumerate(notes, start=1):
                name = self.display[actor - 1]
                if kind == "new_follower":
                    text, link = (
                        NOTIFICATION_TEXTS[kind].format(name),
                        f"/u/{self.usernames[actor - 1]}",
                    )
                elif kind in ("post_liked", "post_commented"):
                    text, link = NOTIFICATION_TEXTS[kind].format(name), f"/posts/{ref}"
                elif kind == "new_message":
                    text = NOTIFICATION_TEXTS[kind].format(name)
                    link = f"/messages/{self.usernames[actor - 1]}"
                elif kind == "new_application":
                    text = NOTIFICATION_TEXTS[kind].format(name, extra)
                    link = f"/jobs/{ref}/applications"
                else:
                    title, status = extra
                    text = NOTIFICATION_TEXTS[kind].format(name, title, status)
                    link = "/applications"
                read_at = None
                if moment < unread_after:
                    read_at = self.at(min(moment + rng.randint(600, 2 * DAY), self.now))
                yield (note_id, user, kind, actor, text[:300], link, self.at(moment), read_at)

        return columns, rows()


def seed_bench(scale: float, force: bool = False, progress: Callable[[str], None] = print) -> str:
    """Load the benchmark data set at `scale`; returns the one-line summary.

    Refuses a database that has any rows unless `force`, which empties every table first."""
    if scale <= 0:
        raise ValueError("the scale must be more than 0")
    db.session.remove()
    loader = Loader(progress)
    # Millions of small tuples live at once: the cyclic garbage collector would walk them over
    # and over for nothing (none of them form cycles), so it rests during the load.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        found = loader.has_data()
        if found and not force:
            raise RuntimeError(
                f"the database already has data (in {', '.join(found[:5])}"
                f"{', ...' if len(found) > 5 else ''}); add --force to empty it first"
            )
        if found:
            progress(f"seed-bench: emptying {len(found)} tables (--force)")
            loader.empty_tables()
        if loader.postgres:
            with loader.connection.cursor() as cursor:
                # The app's connections stop statements after 15 s; one COPY runs longer.
                cursor.execute("SET LOCAL statement_timeout = 0")
                cursor.execute("SET LOCAL synchronous_commit = off")
        return BenchSeeder(scale, progress).run(loader)
    except BaseException:
        loader.raw.rollback()
        raise
    finally:
        loader.close()
        if gc_was_enabled:
            gc.enable()
