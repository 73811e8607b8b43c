"""Page caching for visitors, with named invalidators.

Anonymous GETs of the job pages are cached under a key that includes a *generation*: any
job write stores a new generation, so every worker process and every app instance builds
its pages afresh on the next request without having to find and delete old keys.
The cache is a help, never a dependency: if it fails, the page is built as usual.
"""

import logging
import time
from functools import wraps

from flask import Response, make_response, request, session
from flask_login import current_user

from .extensions import cache
from .timezone import nassau_today

log = logging.getLogger(__name__)

JOBS_GENERATION = "generation:jobs"
PAGE_TIMEOUT = 300


_outage = {"since": None}


def _safely(action, default=None):
    """Run a cache call; if the cache fails, carry on without it (logged once per outage)."""
    try:
        result = action()
    except Exception as exc:  # Redis down or a cache file unreadable
        if _outage["since"] is None:
            _outage["since"] = time.monotonic()
            log.warning("cache unavailable (%s); serving pages without it", type(exc).__name__)
        return default
    if _outage["since"] is not None:
        log.warning("cache is back after %.0f s", time.monotonic() - _outage["since"])
        _outage["since"] = None
    return result


def jobs_generation() -> str:
    """The current generation of job data (created on first use)."""
    generation = _safely(lambda: cache.get(JOBS_GENERATION))
    if generation is None:
        generation = str(time.time_ns())
        _safely(lambda: cache.add(JOBS_GENERATION, generation, timeout=0))
        generation = _safely(lambda: cache.get(JOBS_GENERATION)) or generation
    return str(generation)


def clear_job_pages() -> None:
    """A job was posted, edited or closed (or its employer renamed): rebuild job pages."""
    _safely(lambda: cache.set(JOBS_GENERATION, str(time.time_ns()), timeout=0))


def cacheable_request() -> bool:
    """Visitors' plain GETs only: nothing personal (no sign-in, no pending flash message)."""
    return (
        request.method == "GET"
        and not current_user.is_authenticated
        and not session.get("_flashes")
    )


def revalidated(response: Response) -> Response:
    """An ETag on a visitor's page; a browser that already has this version gets a 304."""
    if response.status_code != 200:
        return response
    response.add_etag()
    # Browsers and proxies must ask again each time (the page differs once signed in).
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Cookie")
    return response.make_conditional(request)


def cached_for_visitors(view):
    """Serve a visitor the page built for the same URL in the current jobs generation."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not cacheable_request():
            return view(*args, **kwargs)
        # The day is in the key because jobs stop being listed when their closing day ends.
        key = f"page:{jobs_generation()}:{nassau_today()}:{request.full_path}"
        hit = _safely(lambda: cache.get(key))
        if hit is not None:
            body, status, mimetype = hit
            response = Response(body, status=status, mimetype=mimetype)
            response.headers["X-Cache"] = "hit"
            return revalidated(response)
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.headers.get("Set-Cookie"):
            entry = (response.get_data(), response.status_code, response.mimetype)
            _safely(lambda: cache.set(key, entry, timeout=PAGE_TIMEOUT))
        response.headers["X-Cache"] = "miss"
        return revalidated(response)

    return wrapped
