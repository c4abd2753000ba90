"""Names shared by the sign-in code: token scope, session keys, device names."""

from __future__ import annotations

# The sesame scope of sign-in links: a token made for another purpose never signs in.
LOGIN_SCOPE = "login"

# Session keys (all under our own prefix, next to Django's and django-otp's).
SESSION_SIGNED_IN_AT = (
    "wv_signed_in_at"  # epoch seconds of the sign-in (absolute timeout)
)
SESSION_LAST_SEEN = "wv_last_seen"  # epoch seconds of the last request (idle timeout)
SESSION_STRICT_IDLE = "wv_strict_idle"  # True: the 30-minute idle timeout applies
SESSION_ENDED = "wv_session_ended"  # why the previous session ended (shown once)

# Store the last-seen time at most this often, so that not every request writes.
LAST_SEEN_RESOLUTION_SECONDS = 60

TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
