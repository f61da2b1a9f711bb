"""lumpguide/fast_yaml.py reads YAML with libyaml's parser: every shipped file (the
questionnaire and its translation, the articles' front matter, the words, the sizes) gives
exactly the data PyYAML's pure-Python safe loader gives, and malformed YAML is refused by both."""

import re
from pathlib import Path

import pytest
import yaml

from lumpguide import fast_yaml

CONTENT = Path(__file__).resolve().parents[2] / "content"
YAML_FILES = sorted(CONTENT.rglob("*.yaml"))
ARTICLES = sorted(CONTENT.glob("conditions/*/*.md"))


def front_matter(path: Path) -> str:
    return re.match(r"\A---\s*\n(.*?)\n---\s*\n", path.read_text(encoding="utf-8"), re.S)[1]


def test_libyaml_is_used_where_pyyaml_has_it():
    assert yaml.__with_libyaml__, "PyYAML without libyaml: every YAML read is 5-8 times slower"
    assert fast_yaml.SafeLoader is yaml.CSafeLoader


def test_the_files_are_found():
    assert {"questionnaire.yaml", "questionnaire.es.yaml", "sizes.yaml"} <= {
        p.name for p in YAML_FILES
    }
    assert len(ARTICLES) >= 40


def test_every_shipped_yaml_file_reads_as_the_pure_python_loader_reads_it():
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8")
        assert fast_yaml.safe_load(text) == yaml.load(text, Loader=yaml.SafeLoader), path
        with path.open(encoding="utf-8") as file:  # an open file, as the loaders pass one
            assert fast_yaml.safe_load(file) == yaml.load(text, Loader=yaml.SafeLoader), path


def test_every_article_s_front_matter_reads_as_the_pure_python_loader_reads_it():
    for path in ARTICLES:
        text = front_matter(path)
        assert fast_yaml.safe_load(text) == yaml.load(text, Loader=yaml.SafeLoader), path


@pytest.mark.parametrize(
    "text", ["title: [unclosed", "a: b: c", "- a\nb: c", "key: 'open", "a: !!python/name:os.system"]
)
def test_malformed_or_unsafe_yaml_is_refused_by_both(text):
    with pytest.raises(yaml.YAMLError):
        yaml.load(text, Loader=yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError):
        fast_yaml.safe_load(text)
