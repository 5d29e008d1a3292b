"""How good the suggestions are: micro precision and recall of the top suggestions against the
goals editors gave stories the model was not trained on."""

from dataclasses import dataclass

from .corpus import Document
from .model import TOP, GoalModel


@dataclass(frozen=True)
class Score:
    stories: int
    hits: int  # suggested goals the story has
    suggested: int  # top-k slots: k per story, whether or not the model filled them
    relevant: int  # goals the stories have

    @property
    def precision(self) -> float:
        return self.hits / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.relevant if self.relevant else 0.0

    def __str__(self) -> str:
        return (
            f"precision@{TOP} {self.precision:.3f}, recall@{TOP} {self.recall:.3f} "
            f"({self.hits} of {self.suggested} suggestions right, {self.relevant} goals, "
            f"{self.stories} stories)"
        )


def score(model: GoalModel, documents: list[Document], top: int = TOP) -> Score:
    ranked = model.rank([d.text for d in documents], top=top)
    hits = sum(len(set(r) & set(d.goals)) for r, d in zip(ranked, documents, strict=True))
    return Score(
        stories=len(documents),
        hits=hits,
        suggested=top * len(documents),
        relevant=sum(len(set(d.goals)) for d in documents),
    )


def add(*scores: Score) -> Score:
    return Score(
        stories=sum(s.stories for s in scores),
        hits=sum(s.hits for s in scores),
        suggested=sum(s.suggested for s in scores),
        relevant=sum(s.relevant for s in scores),
    )
