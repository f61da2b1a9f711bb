"""How many examples each fuzz target runs: LUMPGUIDE_FUZZ_EXAMPLES per target (times the
target's weight). Unset, it is the quick slice that `make test` runs; `make fuzz` sets it high.
"""

import os

from hypothesis import HealthCheck, settings

QUICK_EXAMPLES = 5
EXAMPLES = int(os.environ.get("LUMPGUIDE_FUZZ_EXAMPLES") or QUICK_EXAMPLES)

settings.register_profile(
    "lumpguide-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    # The world fixture is shared by a test's examples on purpose (each example is rolled
    # back); big inputs are the point.
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
PROFILE = settings.get_profile("lumpguide-fuzz")


def fuzz_settings(weight: float = 1.0) -> settings:
    """The profile, with this target's share of examples."""
    return settings(PROFILE, max_examples=max(1, round(EXAMPLES * weight)))
