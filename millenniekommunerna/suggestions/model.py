"""The model: TF-IDF over the Swedish terms of a text (`text.py`), and one logistic regression
per goal (one-vs-rest), trained on the goals' descriptions and the tagged stories.

A suggestion comes with its reasons: the terms of the text that weigh most for that goal
(the term's TF-IDF value in the text times the goal's weight for it), shown as the words the
text has. A goal none of whose terms in the text speaks for it is not suggested, however the
classifier ranks it.
"""

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from . import text as terms_of
from .corpus import Document

TOP = 3  # suggestions an editor is shown, and what the evaluation measures
WORDS_PER_SUGGESTION = 4
MAX_TEXT_CHARS = 20_000  # a story is a few thousand characters; more only costs time


def analyse(text: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    # A module-level function (bound to `ignore` with functools.partial) so that the stored
    # model refers to it by name.
    return [t for t in terms_of.terms(text[:MAX_TEXT_CHARS]) if t not in ignore]


@dataclass(frozen=True)
class Suggestion:
    goal: str  # slug
    score: float
    words: tuple[str, ...]


@dataclass
class GoalModel:
    vectoriser: TfidfVectorizer
    classifier: OneVsRestClassifier
    goals: tuple[str, ...]  # slugs, in the classifier's column order
    trained_at: datetime
    documents: int  # how many it was trained on
    stories: int
    seconds: float
    weights: np.ndarray = field(repr=False)  # goals × terms
    terms: np.ndarray = field(repr=False)  # the term of each column

    @classmethod
    def train(cls, documents: list[Document], ignore: frozenset[str] = frozenset()) -> "GoalModel":
        """`ignore`: terms that must not count (place names: `corpus.place_terms`)."""
        started = time.monotonic()
        labels = MultiLabelBinarizer()
        y = labels.fit_transform([d.goals for d in documents])
        vectoriser = TfidfVectorizer(
            analyzer=partial(analyse, ignore=ignore), sublinear_tf=True, dtype=np.float32
        )
        x = vectoriser.fit_transform([d.text for d in documents])
        # Balanced class weights: a goal with a description and three stories must not be
        # drowned by the goals the thousands of other stories carry. The regularisation is
        # scikit-learn's default (C=1): the seed stories are too few to choose it on without
        # fitting the evaluation instead of the model (bench/README.md).
        classifier = OneVsRestClassifier(
            LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
        )
        classifier.fit(x, y)
        weights = np.vstack([estimator.coef_[0] for estimator in classifier.estimators_])
        return cls(
            vectoriser=vectoriser,
            classifier=classifier,
            goals=tuple(labels.classes_),
            trained_at=datetime.now(UTC),
            documents=len(documents),
            stories=sum(1 for d in documents if d.story_id is not None),
            seconds=time.monotonic() - started,
            weights=weights,
            terms=vectoriser.get_feature_names_out(),
        )

    def rank(self, texts: list[str], top: int = TOP) -> list[list[str]]:
        """The `top` goals suggested for each text, best first (what the evaluation counts)."""
        return [[s.goal for s in self._suggest_row(row, x)[:top]] for row, x in self._rows(texts)]

    def suggest(self, text: str, top: int = TOP) -> list[Suggestion]:
        ((row, x),) = self._rows([text])
        return self._suggest_row(row, x, text=text)[:top]

    def _rows(self, texts):
        x = self.vectoriser.transform(texts)
        probabilities = self.classifier.predict_proba(x)
        return [(probabilities[i], x[i]) for i in range(len(texts))]

    def _suggest_row(self, probabilities, x, text: str | None = None) -> list[Suggestion]:
        columns, values = x.indices, x.data
        if not len(columns):
            return []
        # contribution[g, j]: how much term j of the text speaks for goal g.
        contribution = self.weights[:, columns] * values
        shown = terms_of.words_by_term(text) if text is not None else {}
        suggestions = []
        for g in np.argsort(-probabilities, kind="stable"):
            order = np.argsort(-contribution[g], kind="stable")
            reasons = [j for j in order if contribution[g, j] > 0]
            if not reasons:
                continue
            words = ()
            if text is not None:
                words = tuple(
                    shown.get(self.terms[columns[j]], self.terms[columns[j]])
                    for j in reasons[:WORDS_PER_SUGGESTION]
                )
            suggestions.append(Suggestion(self.goals[g], float(probabilities[g]), words))
        return suggestions
