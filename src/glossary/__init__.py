"""glossary: a reviewed Chinese→English glossary kept in YAML, and the tools around it.

The library API is what the command line calls; other programs can call it too::

    from glossary import load_glossary
    g = load_glossary("glossary")
    g.find("阿拉格齊")          # the entry, found through any form and script
"""

__version__ = "0.1.0"

from glossary.errors import GlossaryError  # noqa: E402
from glossary.model import Entry, Forbidden, Glossary  # noqa: E402
from glossary.store import find_glossary_dir, load_glossary  # noqa: E402

__all__ = [
    "Entry",
    "Forbidden",
    "Glossary",
    "GlossaryError",
    "find_glossary_dir",
    "load_glossary",
    "__version__",
]
