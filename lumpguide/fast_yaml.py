"""yaml.safe_load, with libyaml's parser when PyYAML was built with it (the wheels are).

The C loader has the same safe constructor and resolver as yaml.SafeLoader, so it makes the
same data, five to eight times faster: the questionnaire takes 0.25 s in pure Python, and the
articles, the questionnaire and its translation are parsed again after each change (and in
most tests). tests/site/test_fast_yaml.py reads every shipped YAML file with both loaders.
"""

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    """As yaml.safe_load: a str, bytes or an open file; raises yaml.YAMLError."""
    return yaml.load(stream, Loader=SafeLoader)
