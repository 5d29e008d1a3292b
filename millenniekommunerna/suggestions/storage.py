"""Where the trained model is kept: a file at `settings.GOAL_SUGGESTIONS_MODEL_PATH` (under
var/, not in git), written by `manage.py train_goal_suggestions`, read by each app process
and read again when the file changes."""

import logging
import os
import tempfile
import threading
from pathlib import Path

import joblib
from django.conf import settings

from .corpus import place_terms, training_documents
from .model import GoalModel

logger = logging.getLogger(__name__)

FORMAT = 1  # raised when a stored model can no longer be read by this code

_lock = threading.Lock()
_loaded: dict[str, object] = {}


def model_path() -> Path:
    return Path(settings.GOAL_SUGGESTIONS_MODEL_PATH)


def train_and_save(exclude_ids=()) -> GoalModel:
    model = GoalModel.train(training_documents(exclude_ids), ignore=place_terms())
    save(model)
    return model


def save(model: GoalModel) -> Path:
    path = model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the old file and renamed over it, so a process never reads half a file.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        joblib.dump({"format": FORMAT, "model": model}, temporary, compress=3)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def load() -> GoalModel | None:
    """The stored model, or None when none has been trained (or it is of an older format).
    The file is the site's own, written by the command above: joblib reads it with pickle, so
    it must never come from anywhere else."""
    path = model_path()
    try:
        stamp = (str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None
    with _lock:
        if _loaded.get("stamp") != stamp:
            try:
                stored = joblib.load(path)
                model = stored.get("model") if stored.get("format") == FORMAT else None
            except Exception:  # a damaged file or one from other code: as if none were there
                logger.exception("The goal suggestions model in %s cannot be read", path)
                model = None
            _loaded.update(stamp=stamp, model=model)
        return _loaded["model"]
