"""Fill in a deploy template: `render.py TEMPLATE name=value ...` prints the file with each
${name} replaced (string.Template); a name left unfilled is an error, not an empty line."""

import sys
from pathlib import Path
from string import Template


def main(template: str, *pairs: str) -> None:
    values = dict(pair.split("=", 1) for pair in pairs)
    sys.stdout.write(Template(Path(template).read_text(encoding="utf-8")).substitute(values))


if __name__ == "__main__":
    main(*sys.argv[1:])
