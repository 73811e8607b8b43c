"""The demo data set (`flask seed-demo`): Bahamian employers, seekers, jobs, posts and messages.

Rows are found again by their natural keys (users by email, jobs by employer and title, posts by
author and body, conversations by the pair, ...), so a second run adds nothing twice.
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Select, func, select

from ..auth.passwords import hash_password
from ..extensions import db
from ..models import (
    Application,
    ApplicationStatusChange,
    Comment,
    Conversation,
    Follow,
    Job,
    JobEvent,
    Message,
    Notification,
    Post,
    PostLike,
    User,
)
from ..models._base import as_utc, utcnow
from ..timezone import nassau_today
from ..vocab import APPLICATION_STATUSES
from .demo_data import (
    APPLICATIONS,
    CONVERSATIONS,
    EMPLOYERS,
    ENDED_JOBS,
    OPEN_JOBS,
    POSTS,
    SEEKERS,
    EmployerSpec,
    SeekerSpec,
    job_description,
)

DEMO_PASSWORD = "bahamas-demo-2026"
SEED = 242
DEMO_LOGINS = ("demo_seeker", "demo_employer")  # the accounts the README names


class NotificationDraft(NamedTuple):
    user: User
    kind: str
    actor: User
    text: str
    link: str
    at: datetime


def key_set(statement: Select) -> set[tuple]:
    """The rows a query returns, as plain tuples to look natural keys up in."""
    return {tuple(row) for row in db.session.execute(statement)}


def seed_demo(progress: Callable[[str], None] = print) -> str:
    """Load the demo data set and return a one-line summary of what is there."""
    return DemoSeeder(progress).run()


class DemoSeeder:
    """One run of the demo seed.

    Every phase draws the same random numbers whether or not its rows already exist, so a
    rerun computes the same rows and finds them all present.
    """

    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.rng = random.Random(SEED)
        self.now = utcnow().replace(microsecond=0)
        self.today = nassau_today()
        self.added = 0
        self.password_hash: str | None = None
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
        return (self.now - timedelta(hours=hours)).replace(microsecond=0)

    def save(self, rows: list) -> None:
        """Insert a phase's new rows in one flush, so later phases can use their ids."""
        db.session.add_all(rows)
        db.session.flush()
        self.added += len(rows)

    def notify(
        self, user: User, kind: str, actor: User, what: str, link: str, at: datetime
    ) -> None:
        """Note a notification for a demo login; seed_notifications writes the missing ones."""
        if user.username in DEMO_LOGINS and user.id != actor.id:
            text = f"{actor.display_name} {what}"
            self.notifications.append(NotificationDraft(user, kind, actor, text, link, at))

    # Users

    def seed_users(self) -> None:
        emails = [spec.email for spec in (*EMPLOYERS, *SEEKERS)]
        existing = {
            user.email: user
            for user in db.session.scalars(select(User).where(User.email.in_(emails)))
        }
        new: list[User] = []
        for spec in (*EMPLOYERS, *SEEKERS):
            joined = self.ago(self.rng.uniform(65 * 24, 120 * 24))  # before any of their jobs
            user = existing.get(spec.email)
            if user is None:
                is_employer = isinstance(spec, EmployerSpec)
                user = self.employer(spec) if is_employer else self.seeker(spec)
                user.email, user.username, user.island = spec.email, spec.username, spec.island
                user.headline, user.created_at = spec.headline, joined
                user.mark_email_verified()
                new.append(user)
            self.users[spec.username] = user
        self.save(new)

    def demo_password_hash(self) -> str:
        # Hashing is slow by design: do it once per run, and only if someone is new.
        if self.password_hash is None:
            self.password_hash = hash_password(DEMO_PASSWORD)
        return self.password_hash

    def employer(self, spec: EmployerSpec) -> User:
        return User(
            account_type="employer",
            password_hash=self.demo_password_hash(),
            name=spec.contact,
            company_name=spec.company,
            company_website=f"https://{spec.email.partition('@')[2]}/",
            bio=spec.about,
        )

    def seeker(self, spec: SeekerSpec) -> User:
        return User(
            account_type="seeker",
            password_hash=self.demo_password_hash(),
            name=spec.name,
            bio=spec.bio,
            skills=spec.skills,
            open_to_work=spec.open_to_work,
        )

    # Jobs

    def seed_jobs(self) -> None:
        rng = self.rng
        employers = {spec.username: spec for spec in EMPLOYERS}
        employer_ids = [self.users[username].id for username in employers]
        existing = {
            (job.employer_id, job.title): job
            for job in db.session.scalars(select(Job).where(Job.employer_id.in_(employer_ids)))
        }
        # A job must be older than the posts that announce it and the applications to it.
        mentioned: dict[tuple[str, str], int] = {}
        for key, hours in [
            *(((p.author, p.job_title), p.hours_ago) for p in POSTS if p.job_title),
            *(((a.employer, a.job_title), a.applied_hours_ago) for a in APPLICATIONS),
        ]:
            mentioned[key] = max(mentioned.get(key, 0), hours)
        listed = [
            ("open", category, spec) for category, specs in OPEN_JOBS.items() for spec in specs
        ]
        ended = [(state, category, spec) for category, state, spec in ENDED_JOBS]
        new: list[Job] = []
        for state, category, spec in [*listed, *ended]:
            closed_at = None
            if state == "open":
                hours_ago = rng.uniform(2, 30 * 24)
                hours_ago = max(hours_ago, mentioned.get((spec.employer, spec.title), 0) + 2)
                closes_on = self.today + timedelta(days=rng.randint(7, 110))
            elif state == "closed":
                hours_ago = rng.uniform(35 * 24, 60 * 24)
                closes_on = self.today + timedelta(days=rng.randint(3, 30))
                closed_at = self.ago(rng.uniform(2 * 24, 10 * 24))
            else:  # expired: still "open", but its closing date has passed
                hours_ago = rng.uniform(35 * 24, 60 * 24)
                closes_on = self.today - timedelta(days=rng.randint(3, 20))
            employer = self.users[spec.employer]
            company = employers[spec.employer]
            description = job_description(
                category, spec, company.company, company.about, closes_on, rng
            )
            job = existing.get((employer.id, spec.title))
            if job is None:
                created_at = self.ago(hours_ago)
                salary_min, salary_max, salary_period = spec.pay or (None, None, None)
                job = Job(
                    employer_id=employer.id,
                    title=spec.title,
                    description=description,
                    island=spec.island,
                    location=spec.location,
                    category=category,
                    employment_type=spec.employment_type,
                    workplace=spec.workplace,
                    salary_min=salary_min,
                    salary_max=salary_max,
                    salary_period=salary_period,
                    closes_on=closes_on,
                    permit=spec.permit,
                    status="closed" if closed_at else "open",
                    created_at=created_at,
                    updated_at=closed_at or created_at,
                    closed_at=closed_at,
                )
                new.append(job)
            self.jobs[(spec.employer, spec.title)] = job
        self.save(new)
        self.save([event for job in new for event in self.advertising_history(job)])

    @staticmethod
    def advertising_history(job: Job) -> list[JobEvent]:
        """What the job's history would say had it been posted through the site."""
        events = [
            JobEvent(
                job_id=job.id,
                kind="published",
                by_user_id=job.employer_id,
                title=job.title,
                description=job.description,
                created_at=job.created_at,
            )
        ]
        if job.closed_at is not None:
            events.append(
                JobEvent(
                    job_id=job.id,
                    kind="closed",
                    by_user_id=job.employer_id,
                    title=job.title,
                    description=job.description,
                    created_at=job.closed_at,
                )
            )
        return events

    # Follows

    def follow_pairs(self) -> list[tuple[str, str]]:
        """(follower, followed) usernames: seekers follow employers, some follow back."""
        rng = self.rng
        seekers = [spec.username for spec in SEEKERS]
        employers = [spec.username for spec in EMPLOYERS]
        pairs: dict[tuple[str, str], None] = {}  # an ordered set
        for seeker in seekers:
            for employer in rng.sample(employers, 2):
                pairs[(seeker, employer)] = None
        for application in APPLICATIONS:
            pairs[(application.applicant, application.employer)] = None
        for employer in ("demo_employer", "sapphire_cay", "coral_crown"):
            pairs[("demo_seeker", employer)] = None
        pairs[("demo_employer", "demo_seeker")] = None
        for employer in employers:
            followers = [follower for follower, followed in pairs if followed == employer]
            if followers and rng.random() < 0.5:
                pairs[(employer, rng.choice(followers))] = None
        for _ in range(5):
            follower, followed = rng.sample(seekers, 2)
            pairs[(follower, followed)] = None
        return list(pairs)

    def seed_follows(self) -> None:
        self.follows = self.follow_pairs()
        ids = [user.id for user in self.users.values()]
        existing = key_set(
            select(Follow.follower_id, Follow.followed_id).where(Follow.follower_id.in_(ids))
        )
        new: list[Follow] = []
        for follower_name, followed_name in self.follows:
            follower, followed = self.users[follower_name], self.users[followed_name]
            at = self.ago(self.rng.uniform(24, 30 * 24))
            link = f"/u/{follower.username}"
            self.notify(followed, "new_follower", follower, "started following you.", link, at)
            if (follower.id, followed.id) not in existing:
                new.append(Follow(follower_id=follower.id, followed_id=followed.id, created_at=at))
        self.save(new)

    # Posts, likes and comments

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
            created_at = self.ago(spec.hours_ago + rng.random())
            post = existing.get((author.id, spec.body))
            if post is None:
                job = self.jobs[(spec.author, spec.job_title)] if spec.job_title else None
                post = Post(
                    author_id=author.id,
                    body=spec.body,
                    job_id=job.id if job else None,
                    created_at=created_at,
                )
                new.append(post)
            self.posts.append(post)
        self.save(new)
        self.seed_reactions()

    def seed_reactions(self) -> None:
        """Likes from a few random people on each post, and the scripted comments."""
        rng = self.rng
        post_ids = [post.id for post in self.posts]
        liked = key_set(
            select(PostLike.post_id, PostLike.user_id).where(PostLike.post_id.in_(post_ids))
        )
        commented = key_set(
            select(Comment.post_id, Comment.author_id, Comment.body).where(
                Comment.post_id.in_(post_ids)
            )
        )
        people = list(self.users.values())
        new: list[PostLike | Comment] = []
        for spec, post in zip(POSTS, self.posts, strict=True):
            author = self.users[spec.author]
            posted = as_utc(post.created_at) or self.now
            age_hours = max((self.now - posted).total_seconds() / 3600, 1)
            link = f"/posts/{post.id}"
            others = [person for person in people if person.id != author.id]
            for liker in rng.sample(others, rng.randint(0, 7)):
                at = posted + timedelta(hours=rng.uniform(0.1, min(age_hours, 24)))
                self.notify(author, "post_liked", liker, "liked your post.", link, at)
                if (post.id, liker.id) not in liked:
                    new.append(PostLike(post_id=post.id, user_id=liker.id, created_at=at))
            for index, (commenter_name, body) in enumerate(spec.comments, start=1):
                commenter = self.users[commenter_name]
                at = posted + timedelta(hours=age_hours * index / (len(spec.comments) + 1))
                self.notify(
                    author, "post_commented", commenter, "commented on your post.", link, at
                )
                if (post.id, commenter.id, body) not in commented:
                    new.append(
                        Comment(post_id=post.id, author_id=commenter.id, body=body, created_at=at)
                    )
        self.save(new)
        self.recount_posts(post_ids)

    def recount_posts(self, post_ids: list[int]) -> None:
        """Keep the denormalised like and comment counts equal to the real rows."""
        likes = dict(
            db.session.execute(
                select(PostLike.post_id, func.count())
                .where(PostLike.post_id.in_(post_ids))
                .group_by(PostLike.post_id)
            ).all()
        )
        comments = dict(
            db.session.execute(
                select(Comment.post_id, func.count())
                .where(Comment.post_id.in_(post_ids), Comment.removed_at.is_(None))
                .group_by(Comment.post_id)
            ).all()
        )
        for post in self.posts:
            post.like_count = likes.get(post.id, 0)
            post.comment_count = comments.get(post.id, 0)

    # Messages

    def seed_conversations(self) -> None:
        ids = [user.id for user in self.users.values()]
        existing = {
            (conversation.user_low_id, conversation.user_high_id): conversation
            for conversation in db.session.scalars(
                select(Conversation).where(
                    Conversation.user_low_id.in_(ids), Conversation.user_high_id.in_(ids)
                )
            )
        }
        threads: list[tuple[Conversation, list[Message], bool]] = []
        for spec in CONVERSATIONS:
            first, second = self.users[spec.first], self.users[spec.second]
            at = self.ago(spec.hours_ago)
            messages: list[Message] = []
            for index, body in enumerate(spec.bodies):
                sender, recipient = (first, second) if index % 2 == 0 else (second, first)
                messages.append(
                    Message(
                        sender_id=sender.id, recipient_id=recipient.id, body=body, created_at=at
                    )
                )
                at += timedelta(minutes=self.rng.randint(5, 150))
            low, high = sorted((first.id, second.id))  # the CHECK: user_low_id < user_high_id
            conversation = existing.get((low, high))
            if conversation is None:
                conversation = Conversation(
                    user_low_id=low,
                    user_high_id=high,
                    created_at=messages[0].created_at,
                    last_message_at=messages[-1].created_at,
                )
                threads.append((conversation, messages, spec.last_unread))
            self.conversations.append(conversation)
        self.save([conversation for conversation, _, _ in threads])

        new: list[Message] = []
        for conversation, messages, last_unread in threads:
            for message, reply in zip(messages, [*messages[1:], None], strict=True):
                message.conversation_id = conversation.id
                if reply is not None:
                    message.read_at = reply.created_at  # read by the time it was answered
                elif not last_unread:
                    message.read_at = min(message.created_at + timedelta(minutes=20), self.now)
                new.append(message)
        self.save(new)

    # Applications

    def seed_applications(self) -> None:
        seeker_ids = [self.users[spec.username].id for spec in SEEKERS]
        existing = key_set(
            select(Application.job_id, Application.applicant_id).where(
                Application.applicant_id.in_(seeker_ids)
            )
        )
        pipeline = ["applied", "reviewing", "interview"]
        new: list[Application] = []
        for spec in APPLICATIONS:
            applicant, employer = self.users[spec.applicant], self.users[spec.employer]
            job = self.jobs[(spec.employer, spec.job_title)]
            if not job.is_open_on(self.today):
                continue
            steps = pipeline[: pipeline.index(spec.status) + 1]
            applied, updated = self.ago(spec.applied_hours_ago), self.ago(spec.updated_hours_ago)
            between = applied + (updated - applied) * self.rng.uniform(0.3, 0.7)
            moments = [applied, between.replace(microsecond=0), updated]
            moments = [moments[0], moments[-1]] if len(steps) == 2 else moments[: len(steps)]
            link = f"/jobs/{job.id}/applications"
            what = f"applied for {job.title}."
            self.notify(employer, "new_application", applicant, what, link, moments[0])
            if spec.status != "applied":
                label = APPLICATION_STATUSES[spec.status].lower()
                what = f"moved your application for {job.title} to {label}."
                self.notify(
                    applicant, "application_status", employer, what, "/applications", moments[-1]
                )
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
            for previous, status, moment in zip([None, *steps[:-1]], steps, moments, strict=True):
                application.history.append(
                    ApplicationStatusChange(
                        from_status=previous,
                        to_status=status,
                        changed_by_id=employer.id if previous else applicant.id,
                        created_at=moment,
                    )
                )
            new.append(application)
        self.save(new)
        self.added += sum(len(application.history) for application in new)

    # Notifications

    def seed_notifications(self) -> None:
        user_ids = [self.users[username].id for username in DEMO_LOGINS]
        existing = key_set(
            select(
                Notification.user_id,
                Notification.kind,
                Notification.actor_id,
                Notification.link,
            ).where(Notification.user_id.in_(user_ids))
        )
        new: list[Notification] = []
        for draft in sorted(self.notifications, key=lambda draft: draft.at):
            key = (draft.user.id, draft.kind, draft.actor.id, draft.link)
            if key in existing:
                continue
            existing.add(key)
            seen = draft.at < self.ago(48)  # the last two days' are still unread
            new.append(
                Notification(
                    user_id=draft.user.id,
                    kind=draft.kind,
                    actor_id=draft.actor.id,
                    text=draft.text,
                    link=draft.link,
                    created_at=draft.at,
                    read_at=draft.at + timedelta(hours=2) if seen else None,
                )
            )
        self.save(new)

    def summary(self) -> str:
        users = self.users.values()
        open_jobs = sum(job.is_open_on(self.today) for job in self.jobs.values())
        conversation_ids = [conversation.id for conversation in self.conversations]
        messages = db.session.scalar(
            select(func.count(Message.id)).where(Message.conversation_id.in_(conversation_ids))
        )
        counts = (
            f"{sum(user.is_employer for user in users)} employers, "
            f"{sum(user.is_seeker for user in users)} seekers, "
            f"{open_jobs} open jobs ({len(self.jobs) - open_jobs} closed or expired), "
            f"{len(self.posts)} posts, {len(self.follows)} follows, {messages} messages"
        )
        prefix = "already seeded, nothing added: " if self.added == 0 else ""
        return f"{prefix}{counts}; demo password: {DEMO_PASSWORD}"
