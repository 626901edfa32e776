"""glossary: a reviewed Chinese→English glossary kept in YAML, and the tools around it.

The library API is what the command line calls; other programs can call it too::

    from glossary import load_glossary
    g = load_glossary("glossary")
    g.find("阿拉格齊")          # the entry, found through any form and script
"""

from glossary.errors import GlossaryError
from glossary.model import Entry, Forbidden, Glossary
from glossary.store import find_glossary_dir, load_glossary

__version__ = "0.1.0"

__all__ = [
    "Entry",
    "Forbidden",
    "Glossary",
    "GlossaryError",
    "find_glossary_dir",
    "load_glossary",
    "__version__",
]
