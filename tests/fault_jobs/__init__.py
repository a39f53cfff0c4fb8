"""A job kind for the fault-injection tests, known to the test process and to the consumers they
start (tests/consumer_settings.py installs this package as an app; huey discovers its tasks)."""
