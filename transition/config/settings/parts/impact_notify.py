"""Settings of the impact and notify apps, read from the environment (listed in the README)."""

from transition.config.env import env_int, env_str

# impact: when the daily snapshot job runs (UTC, huey's default clock) and how far charts go back.
IMPACT_SNAPSHOT_HOUR_UTC = env_int("IMPACT_SNAPSHOT_HOUR_UTC", 1)
IMPACT_SNAPSHOT_MINUTE = env_int("IMPACT_SNAPSHOT_MINUTE", 30)
IMPACT_CHART_MONTHS = env_int("IMPACT_CHART_MONTHS", 12)

# notify: retries of a failed sending, the domain of Message-IDs, how long the log is kept.
NOTIFY_RETRIES = env_int("NOTIFY_RETRIES", 3)
NOTIFY_RETRY_DELAY_S = env_int("NOTIFY_RETRY_DELAY_S", 60)
NOTIFY_MESSAGE_ID_DOMAIN = env_str("NOTIFY_MESSAGE_ID_DOMAIN", "")  # default: DEFAULT_FROM_EMAIL's domain
NOTIFY_LOG_RETENTION_DAYS = env_int("NOTIFY_LOG_RETENTION_DAYS", 365)

# notify, SMS: the gateway (transition/platform/notify/sms.py). "outbox" keeps every message in the
# database, visible to the team in the admin (development, tests, demo); "http" sends through a
# provider's HTTP API (Brevo's transactional SMS shape: POST JSON, header api-key).
SMS_BACKEND = env_str("SMS_BACKEND", "outbox")
SMS_HTTP_URL = env_str("SMS_HTTP_URL", "https://api.brevo.com/v3/transactionalSMS/send")
SMS_HTTP_API_KEY = env_str("SMS_HTTP_API_KEY", "")
SMS_HTTP_TIMEOUT_S = env_int("SMS_HTTP_TIMEOUT_S", 10)
SMS_SENDER = env_str("SMS_SENDER", "Transition")  # 3 to 11 letters or digits, shown as the sender
SMS_OUTBOX_RETENTION_DAYS = env_int("SMS_OUTBOX_RETENTION_DAYS", 30)
