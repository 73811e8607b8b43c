"""Mail: the outbox table, rendering, delivery over SMTP (or to files), and RQ jobs.

`send_mail(...)` is the one entry point: it writes an `outbound_emails` row in the current
transaction; once that transaction commits the row is handed to RQ (or, in the embedded
default, delivered in-process).
"""

from .outbox import send_mail

__all__ = ["send_mail"]
