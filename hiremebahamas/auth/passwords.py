"""Password hashing (Argon2id) and the rules a new password must meet."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 8
MAX_LENGTH = 128

# Passwords that appear at the top of published breach-frequency lists, plus local favourites.
# Shorter ones are already refused by MIN_LENGTH, so only 8+ characters are listed.
COMMON_PASSWORDS = frozenset(
    [
        "password",
        "password1",
        "password12",
        "password123",
        "password1234",
        "passw0rd",
        "p@ssw0rd",
        "p@ssword",
        "12345678",
        "123456789",
        "1234567890",
        "0123456789",
        "11111111",
        "00000000",
        "12341234",
        "87654321",
        "123123123",
        "1q2w3e4r",
        "1q2w3e4r5t",
        "1qaz2wsx",
        "qwertyui",
        "qwertyuiop",
        "qwerty123",
        "qwerty12",
        "asdfghjk",
        "asdfghjkl",
        "zxcvbnm1",
        "zxcvbnm123",
        "iloveyou",
        "iloveyou1",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "basketball",
        "welcome1",
        "welcome123",
        "trustno1",
        "superman",
        "batman123",
        "starwars",
        "dragon123",
        "monkey123",
        "letmein1",
        "letmein123",
        "abc12345",
        "abcd1234",
        "aa123456",
        "a1b2c3d4",
        "computer",
        "internet",
        "whatever",
        "changeme",
        "changeme1",
        "administrator",
        "admin123",
        "admin1234",
        "master123",
        "freedom1",
        "shadow12",
        "michael1",
        "jennifer",
        "jordan23",
        "charlie1",
        "thomas12",
        "hello123",
        "1234qwer",
        "qwer1234",
        "mypassword",
        "secret123",
        "loveme123",
        "bahamas1",
        "bahamas123",
        "bahamas242",
        "nassau123",
        "nassau242",
        "junkanoo",
        "hiremebahamas",
        "hireme123",
        "jobs1234",
        "password!",
        "football1",
        "baseball1",
        "sunshine1",
        "princess1",
        "11223344",
        "12344321",
        "147258369",
        "159753456",
        "987654321",
        "999999999",
        "88888888",
        "77777777",
        "66666666",
        "55555555",
        "44444444",
        "33333333",
        "22222222",
        "q1w2e3r4",
        "q1w2e3r4t5",
        "zaq12wsx",
        "1qazxsw2",
        "google123",
        "samsung1",
        "iphone123",
        "linkedin",
    ]
)


def hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the stored hash used older parameters than the current ones."""
    try:
        return hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def password_problem(password: str, *personal: str) -> str | None:
    """Why a new password is not acceptable, or None when it is."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) <= 2:
        return "That password is too common; choose one that is harder to guess."
    if any(part and part.lower() == lowered for part in personal):
        return "Don't use your name, username or email address as your password."
    return None
