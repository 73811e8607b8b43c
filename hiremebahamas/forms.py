"""Form pieces shared by every blueprint."""

from flask_wtf import FlaskForm


class EmptyForm(FlaskForm):
    """Only the CSRF token: for POST buttons such as Sign out, Follow or Close job."""
