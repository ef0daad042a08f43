"""toponorm: make English text about Ukraine consistent and correct.

Legacy and variant spellings of Ukrainian places, people and organizations
become one canonical English spelling (Kiev -> Kyiv, Zelensky -> Zelenskyy,
Kiev Independent -> Kyiv Independent), every edit is explained, and text that
was correct is never broken.

>>> import toponorm as tn
>>> tn.normalize("Explosions rocked Kiev.")
'Explosions rocked Kyiv.'
"""

from . import rules
from .gazetteer import Gazetteer, GazetteerError
from .models import (
    CATEGORIES,
    Category,
    Config,
    Edit,
    Entity,
    FormerName,
    Match,
    Result,
    Variant,
)
from .normalize import Normalizer, canonical, explain, lookup, normalize, normalize_many, variants
from .translit import schemes, transliterate
from .userfiles import ConfigError, InvalidFileError

__version__ = "0.1.0.dev0"

__all__ = [
    "CATEGORIES",
    "Category",
    "Config",
    "ConfigError",
    "Edit",
    "Entity",
    "FormerName",
    "Gazetteer",
    "GazetteerError",
    "InvalidFileError",
    "Match",
    "Normalizer",
    "Result",
    "Variant",
    "__version__",
    "canonical",
    "explain",
    "lookup",
    "normalize",
    "normalize_many",
    "rules",
    "schemes",
    "transliterate",
    "variants",
]
