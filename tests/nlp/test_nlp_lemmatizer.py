"""The lemmatizer's batch path (``pipe``, numpy) gives the lemmas of its per-Doc path and of spaCy's own."""

from __future__ import annotations

from spacy.pipeline import Lemmatizer


def test_batches_lemmatize_as_one_doc_at_a_time_and_as_spacy(nlp, resolution):
    texts = [p.text for n in ("75/240", "73/27") for p in resolution(n).paragraphs]
    texts += ["", " ", "Recalling its resolutions 73/27 and 74/29, and was mice going", "Qwxyzzy geese"]
    lem = nlp.get_pipe("textdiff_lemmatizer")
    batched = list(lem.pipe((nlp.make_doc(t) for t in texts), batch_size=7))
    single = [lem(nlp.make_doc(t)) for t in texts]
    plain = [Lemmatizer.__call__(lem, nlp.make_doc(t)) for t in texts]  # spaCy's lookup, token by token
    got = [[t.lemma_ for t in d] for d in batched]
    assert got == [[t.lemma_ for t in d] for d in single] == [[t.lemma_ for t in d] for d in plain]
    assert any(t.lemma_ != t.text for d in batched for t in d)


def test_batches_keep_lemmas_already_set(nlp):
    lem = nlp.get_pipe("textdiff_lemmatizer")
    doc = nlp.make_doc("States were going")
    doc[1].lemma_ = "kept"
    (out,) = lem.pipe([doc])
    assert [t.lemma_ for t in out] == ["States", "kept", "go"]
