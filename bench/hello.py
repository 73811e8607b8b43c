"""Hello world under the same Gunicorn settings: the ceiling the app's figures are compared with.

gunicorn -c gunicorn.conf.py --chdir bench hello:app
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, world!"
