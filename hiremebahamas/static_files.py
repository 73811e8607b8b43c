"""Static files with content-hashed URLs: /static/css/site.css?v=<hash>, cached for a year.

A changed file gets a new hash, so browsers fetch it at once; an unchanged one is never
asked for again within the year."""

import hashlib
from pathlib import Path

from flask import Flask, request

ONE_YEAR = 365 * 24 * 3600


def register(app: Flask) -> None:
    hashes: dict[str, str] = {}

    def content_hash(filename: str) -> str | None:
        if filename not in hashes:
            path = Path(app.static_folder) / filename
            try:
                hashes[filename] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            except OSError:
                return None
        return hashes[filename]

    @app.url_defaults
    def add_content_hash(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            digest = content_hash(values["filename"])
            if digest:
                values["v"] = digest

    original_max_age = app.get_send_file_max_age

    def send_file_max_age(filename: str | None):
        # Only a URL with the file's current hash may be kept for a year.
        if filename and request.args.get("v") == content_hash(filename):
            return ONE_YEAR
        return original_max_age(filename)

    app.get_send_file_max_age = send_file_max_age
