"""Long jobs (transition.platform.jobs)."""

from transition.config.env import env_int

# A consumer holds a running job for this long and renews it at each committed batch; when it
# dies, the watchdog (every minute) hands the job to another consumer after at most this delay.
# Each batch of a job must commit well within it.
JOBS_LEASE_S = env_int("JOBS_LEASE_S", 120)
