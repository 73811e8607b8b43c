"""The job board: search, job pages, posting and managing jobs, applying."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)
# /applications/...: the seeker's tracker and the actions on one application.
applications_bp = Blueprint("applications", __name__)
# /sitemap.xml and /robots.txt, at the site's root.
site_bp = Blueprint("site", __name__)

from . import applying, feeds, manage, routes  # noqa: E402, F401  (attach the views)
