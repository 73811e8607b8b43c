"""The demo data set (`flask seed-demo`): Bahamian employers, seekers, jobs, posts and messages.

Rows are found again by their natural keys (users by email, jobs by employer and title, posts by
author and body, conversations by the pair, ...), so a second run adds nothing twice.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import func, select

from ..auth.passwords import hash_password
from ..extensions import db
from ..models import (
    Application,
    ApplicationStatusChange,
    Comment,
    Conversation,
    Follow,
    Job,
    Message,
    Notification,
    Post,
    PostLike,
    User,
)
from ..models._base import utcnow
from ..timezone import nassau_today
from ..vocab import APPLICATION_STATUSES, ISLANDS, SALARY_PERIODS
from .demo_data import (
    APPLICATIONS,
    APPLY_LINES,
    CATEGORY_BENEFITS,
    CATEGORY_DUTIES,
    CATEGORY_REQUIREMENTS,
    CONVERSATIONS,
    EMPLOYERS,
    EMPLOYMENT_LINES,
    ENDED_JOBS,
    OPEN_JOBS,
    PERMIT_LINES,
    POSTS,
    SEEKERS,
    TITLE_DUTIES,
    WORKPLACE_LINES,
    JobSpec,
)

DEMO_PASSWORD = "bahamas-demo-2026"
SEED = 242

INTROS = (
    "{company} is hiring {a_title} {where}.",
    "Join {company} as {a_title} {where}.",
    "{company} has an opening for {a_title} {where}.",
)


class NotificationDraft(NamedTuple):
    user: User
    kind: str
    actor: User
    text: str
    link: str
    at: datetime


def seed_demo(progress: Callable[[str], None] = print) -> str:
    """Load the demo data set and return a one-line summary of what is there."""
    return DemoSeeder(progress).run()


def with_article(title: str) -> str:
    return f"{'an' if title[0] in 'AEIO' else 'a'} {title}"


class DemoSeeder:
    """One run of the demo seed. Every phase draws the same random numbers whether or not
    its rows already exist, so a rerun computes identical rows and skips them."""

    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.rng = random.Random(SEED)
        self.now = utcnow().replace(microsecond=0)
        self.today = nassau_today()
        self.added = 0
        self.users: dict[str, User] = {}
        self.jobs: dict[tuple[str, str], Job] = {}
        self.posts: list[Post] = []
        self.follows: list[tuple[str, str]] = []
        self.conversations: list[Conversation] = []
        self.notifications: list[NotificationDraft] = []

    def run(self) -> str:
        for name, phase in (
            ("users", self.seed_users),
            ("jobs", self.seed_jobs),
            ("follows", self.seed_follows),
            ("posts, likes and comments", self.seed_posts),
            ("messages", self.seed_conversations),
            ("applications", self.seed_applications),
            ("notifications", self.seed_notifications),
        ):
            self.progress(f"{name}...")
            phase()
        db.session.commit()
        return self.summary()

    def ago(self, hours: float) -> datetime:
        return self.now - timedelta(hours=hours)

    def save(self, rows: list) -> None:
        """Insert the new rows of a phase in one flush, so later phases can use their ids."""
        db.session.add_all(rows)
        db.session.flush()
        self.added += len(rows)

    def seed_users(self) -> None:
        emails = [spec.email for spec in (*EMPLOYERS, *SEEKERS)]
        existing = {
            user.email: user
            for user in db.session.scalars(select(User).where(User.email.in_(emails)))
        }
        password_hash: str | None = None  # hashing is slow by design: once, and only if needed
        new: list[User] = []
        specs = [("employer", spec) for spec in EMPLOYERS] + [("seeker", s) for s in SEEKERS]
        for account_type, spec in specs:
            joined = self.ago(self.rng.uniform(35 * 24, 70 * 24))
            user = existing.get(spec.email)
            if user is None:
                password_hash = password_hash or hash_password(DEMO_PASSWORD)
                user = User(
                    email=spec.email,
                    username=spec.username,
                    password_hash=password_hash,
                    account_type=account_type,
                    island=spec.island,
                    headline=spec.headline,
                    created_at=joined,
                )
                if account_type == "employer":
                    user.name = spec.contact
                    user.company_name = spec.company
                    user.company_website = f"https://{spec.email.partition('@')[2]}/"
                    user.bio = spec.about
                else:
                    user.name = spec.name
                    user.bio = spec.bio
                    user.skills = spec.skills
                    user.open_to_work = spec.open_to_work
                user.mark_email_verified()
                new.append(user)
            self.users[spec.username] = user
        self.save(new)

    def seed_jobs(self) -> None:
        employers = {spec.username: spec for spec in EMPLOYERS}
        employer_ids = [self.users[username].id for username in employers]
        existing = {
            (job.employer_id, job.title): job
            for job in db.session.scalars(select(Job).where(Job.employer_id.in_(employer_ids)))
        }
        # A job a post announces must be older than the post.
        announced = {(p.author, p.job_title): p.hours_ago for p in POSTS if p.job_title}
        listing = [(category, "open", spec) for category, specs in OPEN_JOBS.items()
                   for spec in specs]
        new: list[Job] = []
        for category, state, spec in [*listing, *ENDED_JOBS]:
            rng = self.rng
            closed_at = None
            if state == "open":
                hours_ago = rng.uniform(2, 30 * 24)
                hours_ago = max(hours_ago, announced.get((spec.employer, spec.title), 0) + 1)
                closes_on = self.today + timedelta(days=rng.randint(7, 110))
            else:
                hours_ago = rng.uniform(35 * 24, 60 * 24)
                if state == "closed":
                    closes_on = self.today + timedelta(days=rng.randint(3, 30))
                    closed_at = self.ago(rng.uniform(2 * 24, 10 * 24))
                else:
                    closes_on = self.today - timedelta(days=rng.randint(3, 20))
            description = self.describe(category, spec, employers[spec.employer].about, closes_on)
            employer = self.users[spec.employer]
            job = existing.get((employer.id, spec.title))
            if job is None:
                created_at = self.ago(hours_ago)
                low, high, period = spec.pay or (None, None, None)
                job = Job(
                    employer_id=employer.id,
                    title=spec.title,
                    description=description,
                    island=spec.island,
                    location=spec.location,
                    category=category,
                    employment_type=spec.employment_type,
                    workplace=spec.workplace,
                    salary_min=low,
                    salary_max=high,
                    salary_period=period,
                    closes_on=closes_on,
                    permit=spec.permit,
                    status="open" if closed_at is None else "closed",
                    created_at=created_at,
                    updated_at=closed_at or created_at,
                    closed_at=closed_at,
                )
                new.append(job)
            self.jobs[(spec.employer, spec.title)] = job
        self.save(new)

    def describe(self, category: str, spec: JobSpec, about: str, closes_on: date) -> str:
        """A plain-text description: paragraphs separated by blank lines."""
        rng = self.rng
        company = self.users[spec.employer].company_name
        if spec.island == "remote":
            where = "to work remotely from anywhere in The Bahamas"
        elif spec.location == ISLANDS[spec.island]:
            where = f"in {spec.location}"
        else:
            where = f"in {spec.location}, {ISLANDS[spec.island]}"
        intro = rng.choice(INTROS).format(
            company=company, a_title=with_article(spec.title), where=where
        )
        duties = [TITLE_DUTIES[spec.title], *rng.sample(CATEGORY_DUTIES[category], 2)]
        requirements = rng.sample(CATEGORY_REQUIREMENTS[category], 3)
        if spec.pay:
            low, high, period = spec.pay
            pay = f"Pay is B${low:,} to B${high:,} {SALARY_PERIODS[period]}."
        else:
            pay = "Pay depends on experience."
        terms = (
            f"{EMPLOYMENT_LINES[spec.employment_type]}, {WORKPLACE_LINES[spec.workplace]}. "
            f"{pay} {CATEGORY_BENEFITS[category]}"
        )
        how_to_apply = (
            f"{rng.choice(APPLY_LINES)} {PERMIT_LINES[spec.permit]} "
            f"Applications close on {closes_on.day} {closes_on:%B %Y}."
        )
        return "\n\n".join(
            (
                f"{intro} {about}",
                "What you will do:\n" + "\n".join(f"- {duty}" for duty in duties),
                "What we are looking for:\n" + "\n".join(f"- {item}" for item in requirements),
                terms,
                how_to_apply,
            )
        )

    def follow_pairs(self) -> list[tuple[str, str]]:
        """(follower, followed) usernames: seekers follow employers, some follow back."""
        rng = self.rng
        seekers = [spec.username for spec in SEEKERS]
        employers = [spec.username for spec in EMPLOYERS]
        pairs: dict[tuple[str, str], None] = {}  # ordered and without repeats
        for seeker in seekers:
            for employer in rng.sample(employers, 2):
                pairs[(seeker, employer)] = None
        for spec in APPLICATIONS:
            pairs[(spec.applicant, spec.employer)] = None
        for employer in ("demo_employer", "sapphire_cay", "coral_crown"):
            pairs[("demo_seeker", employer)] = None
        pairs[("demo_employer", "demo_seeker")] = None
        for employer in employers:
            followers = [f for f, followed in pairs if followed == employer]
            if followers and rng.random() < 0.5:
                pairs[(employer, rng.choice(followers))] = None
        for _ in range(10):
            follower, followed = rng.sample(seekers, 2)
            pairs[(follower, followed)] = None
        return list(pairs)

    def seed_follows(self) -> None:
        self.follows = self.follow_pairs()
        ids = [user.id for user in self.users.values()]
        existing = set(
            db.session.execute(
                select(Follow.follower_id, Follow.followed_id).where(Follow.follower_id.in_(ids))
            ).tuples()
        )
        new: list[Follow] = []
        for follower_name, followed_name in self.follows:
            follower, followed = self.users[follower_name], self.users[followed_name]
            at = self.ago(self.rng.uniform(24, 30 * 24))
            if followed.username in ("demo_seeker", "demo_employer"):
                self.notify(followed, "new_follower", follower,
                            f"{follower.display_name} started following you.",
                            f"/u/{follower.username}", at)
            if (follower.id, followed.id) not in existing:
                new.append(Follow(follower_id=follower.id, followed_id=followed.id, created_at=at))
        self.save(new)

    def seed_posts(self) -> None:
        rng = self.rng
        author_ids = [user.id for user in self.users.values()]
        existing = {
            (post.author_id, post.body): post
            for post in db.session.scalars(select(Post).where(Post.author_id.in_(author_ids)))
        }
        new: list[Post] = []
        for spec in POSTS:
            author = self.users[spec.author]
            post = existing.get((author.id, spec.body))
            if post is None:
                job = self.jobs[(spec.author, spec.job_title)] if spec.job_title else None
                post = Post(
                    author_id=author.id,
                    body=spec.body,
                    job_id=job.id if job else None,
                    created_at=self.ago(spec.hours_ago + rng.random()),
                )
                new.append(post)
            self.posts.append(post)
        self.save(new)

        post_ids = [post.id for post in self.posts]
        liked = set(
            db.session.execute(
                select(PostLike.post_id, PostLike.user_id).where(PostLike.post_id.in_(post_ids))
            ).tuples()
        )
        commented = set(
            db.session.execute(
                select(Comment.post_id, Comment.author_id, Comment.body).where(
                    Comment.post_id.in_(post_ids)
                )
            ).tuples()
        )
        people = list(self.users.values())
        rows: list[PostLike | Comment] = []
        for spec, post in zip(POSTS, self.posts, strict=True):
            author = self.users[spec.author]
            created = post.created_at
            age_hours = max((self.now - created).total_seconds() / 3600, 1)
            others = [person for person in people if person.id != author.id]
            for liker in rng.sample(others, rng.randint(0, 7)):
                at = created + timedelta(hours=rng.uniform(0.1, min(age_hours, 24)))
                if author.username.startswith("demo_"):
                    self.notify(author, "post_liked", liker,
                                f"{liker.display_name} liked your post.", f"/posts/{post.id}", at)
                if (post.id, liker.id) not in liked:
                    rows.append(PostLike(post_id=post.id, user_id=liker.id, created_at=at))
            for index, (commenter_name, body) in enumerate(spec.comments, start=1):
                commenter = self.users[commenter_name]
                at = created + timedelta(hours=age_hours * index / (len(spec.comments) + 1))
                if author.username.startswith("demo_") and commenter.id != author.id:
                    self.notify(author, "post_commented", commenter,
                                f"{commenter.display_name} commented on your post.",
                                f"/posts/{post.id}", at)
                if (post.id, commenter.id, body) not in commented:
                    rows.append(
                        Comment(post_id=post.id, author_id=commenter.id, body=body, created_at=at)
                    )
        self.save(rows)
        self.recount_posts(post_ids)

    def recount_posts(self, post_ids: list[int]) -> None:
        """Keep the denormalised like and comment counts equal to the real rows."""
        likes = dict(
            db.session.execute(
                select(PostLike.post_id, func.count())
                .where(PostLike.post_id.in_(post_ids))
                .group_by(PostLike.post_id)
            ).tuples()
        )
        comments = dict(
            db.session.execute(
                select(Comment.post_id, func.count())
                .where(Comment.post_id.in_(post_ids), Comment.removed_at.is_(None))
                .group_by(Comment.post_id)
            ).tuples()
        )
        for post in self.posts:
            post.like_count = likes.get(post.id, 0)
            post.comment_count = comments.get(post.id, 0)

    def seed_conversations(self) -> None:
        ids = [user.id for user in self.users.values()]
        existing = {
            (c.user_low_id, c.user_high_id): c
            for c in db.session.scalars(
                select(Conversation).where(
                    Conversation.user_low_id.in_(ids), Conversation.user_high_id.in_(ids)
                )
            )
        }
        new_threads: list[tuple[Conversation, list[tuple[User, User, str, datetime]]]] = []
        for spec in CONVERSATIONS:
            first, second = self.users[spec.first], self.users[spec.second]
            at = self.ago(spec.hours_ago)
            lines = []
            for index, body in enumerate(spec.bodies):
                sender, recipient = (first, second) if index % 2 == 0 else (second, first)
                lines.append((sender, recipient, body, at))
                at += timedelta(minutes=self.rng.randint(5, 150))
            low, high = sorted((first.id, second.id))
            conversation = existing.get((low, high))
            if conversation is None:
                conversation = Conversation(
                    user_low_id=low,
                    user_high_id=high,
                    created_at=lines[0][3],
                    last_message_at=lines[-1][3],
                )
                new_threads.append((conversation, lines))
            self.conversations.append(conversation)
        self.save([conversation for conversation, _ in new_threads])

        messages: list[Message] = []
        for conversation, lines in new_threads:
            spec = next(s for s in CONVERSATIONS if self.users[s.first].id in
                        (conversation.user_low_id, conversation.user_high_id)
                        and self.users[s.second].id in
                        (conversation.user_low_id, conversation.user_high_id))
            for index, (sender, recipient, body, at) in enumerate(lines):
                is_last = index == len(lines) - 1
                if is_last and spec.last_unread:
                    read_at = None
                elif is_last:
                    read_at = min(at + timedelta(minutes=20), self.now)
                else:
                    read_at = lines[index + 1][3]  # read when the reply was written
                messages.append(
                    Message(
                        conversation_id=conversation.id,
                        sender_id=sender.id,
                        recipient_id=recipient.id,
                        body=body,
                        created_at=at,
                        read_at=read_at,
                    )
                )
        self.save(messages)

    def seed_applications(self) -> None:
        seeker_ids = [self.users[spec.username].id for spec in SEEKERS]
        existing = set(
            db.session.execute(
                select(Application.job_id, Application.applicant_id).where(
                    Application.applicant_id.in_(seeker_ids)
                )
            ).tuples()
        )
        new: list[Application] = []
        for spec in APPLICATIONS:
            applicant, employer = self.users[spec.applicant], self.users[spec.employer]
            job = self.jobs[(spec.employer, spec.job_title)]
            if not job.is_open_on(self.today):
                continue
            # Applied partway between posting and now; each later step partway to now.
            steps = ["applied", "reviewing", "interview"]
            steps = steps[: steps.index(spec.status) + 1]
            moments: list[datetime] = []
            at = job.created_at
            for _ in steps:
                at += (self.now - at) * self.rng.uniform(0.3, 0.6)
                moments.append(at.replace(microsecond=0))
            if employer.username == "demo_employer":
                self.notify(employer, "new_application", applicant,
                            f"{applicant.name} applied for {job.title}.",
                            f"/jobs/{job.id}/applications", moments[0])
            if applicant.username == "demo_seeker" and spec.status != "applied":
                label = APPLICATION_STATUSES[spec.status].lower()
                self.notify(applicant, "application_status", employer,
                            f"Your application for {job.title} at {employer.display_name} "
                            f"moved to {label}.", "/applications", moments[-1])
            if (job.id, applicant.id) in existing:
                continue
            application = Application(
                job_id=job.id,
                applicant_id=applicant.id,
                cover_letter=spec.cover_letter,
                status=spec.status,
                created_at=moments[0],
                updated_at=moments[-1],
            )
            previous: str | None = None
            for status, moment in zip(steps, moments, strict=True):
                application.history.append(
                    ApplicationStatusChange(
                        from_status=previous,
                        to_status=status,
                        changed_by_id=applicant.id if previous is None else employer.id,
                        created_at=moment,
                    )
                )
                previous = status
            new.append(application)
        self.save(new)
        self.added += sum(len(application.history) for application in new)

    def notify(
        self, user: User, kind: str, actor: User, text: str, link: str, at: datetime
    ) -> None:
        self.notifications.append(NotificationDraft(user, kind, actor, text, link, at))

    def seed_notifications(self) -> None:
        user_ids = {draft.user.id for draft in self.notifications}
        existing = set(
            db.session.execute(
                select(
                    Notification.user_id, Notification.kind, Notification.actor_id,
                    Notification.link,
                ).where(Notification.user_id.in_(user_ids))
            ).tuples()
        )
        new: list[Notification] = []
        for draft in self.notifications:
            key = (draft.user.id, draft.kind, draft.actor.id, draft.link)
            if key in existing:
                continue
            existing.add(key)
            new.append(
                Notification(
                    user_id=draft.user.id,
                    kind=draft.kind,
                    actor_id=draft.actor.id,
                    text=draft.text,
                    link=draft.link,
                    created_at=draft.at,
                    # Older ones have been seen; the last two days' are still unread.
                    read_at=None if draft.at > self.ago(48) else draft.at + timedelta(hours=2),
                )
            )
        self.save(new)

    def summary(self) -> str:
        users = self.users.values()
        open_jobs = sum(job.is_open_on(self.today) for job in self.jobs.values())
        conversation_ids = [conversation.id for conversation in self.conversations]
        messages = db.session.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.conversation_id.in_(conversation_ids))
        )
        counts = (
            f"{sum(user.is_employer for user in users)} employers, "
            f"{sum(user.is_seeker for user in users)} seekers, "
            f"{open_jobs} open jobs ({len(self.jobs) - open_jobs} closed or expired), "
            f"{len(self.posts)} posts, {len(self.follows)} follows, {messages} messages"
        )
        prefix = "already seeded, nothing added: " if self.added == 0 else ""
        return f"{prefix}{counts}; demo password: {DEMO_PASSWORD}"
