"""Train the attribution taggers on PolNeAR train and write them into bot/models/ (package data).

    .venv/bin/python -m bench.train_attributions [--cache /tmp/polnear-cache] [--workers 2] [--out DIR]

Reproducible: the corpus order, features and CRF settings are fixed, so the same train split gives the same
models. The cue CRF labels cue tokens (B-CUE/I-CUE) in every body sentence; the role CRF labels, for each gold
cue, the source (B-S/I-S) and content (B-C/I-C) tokens of the cue's sentence. The cue checker learns which
proposed attributions are right from the proposals of taggers trained on the other half of train (cross-fitted:
taggers are surer of the articles they were trained on than of new ones).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
import pycrfsuite
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as bench/NAME.py too

from bench.attribution_data import Parsed, parsed  # noqa: E402
from bot.extract.attribution_tagger import (  # noqa: E402
    CUE_CHECKER, CUE_MODEL, CUE_SCORER, ROLE_MODEL, base_features, body_sentences, cue_scores, cue_sequence,
    load_scorer, open_taggers, parse_tree, quotation_openings, quotation_state, role_sequence, scorer_inputs,
)
from bot.extract.attributions import candidates  # noqa: E402

# Strong L1 keeps the models small and general: weaker settings fit train far better than dev.
CUE_PARAMS = {"c1": 2.0, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
ROLE_PARAMS = {"c1": 0.5, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


def bio(indexes: list[int], kind: str, offset: int, length: int, labels: list[str]) -> None:
    """Write B-/I- labels for token indexes (absolute) into a sentence's labels starting at `offset`."""
    previous = None
    for i in indexes:
        j = i - offset
        if 0 <= j < length and labels[j] == "O":
            labels[j] = f"I-{kind}" if previous == i - 1 else f"B-{kind}"
            previous = i


def cue_token_sets(item: Parsed) -> set[int]:
    return {i for gold in item.article.attributions for i in item.tokens_in(gold.cue[:1])}


def save_arrays(path: Path, **arrays) -> None:
    """np.savez with every zip entry dated 1980-01-01: np.savez stamps entries with the time of writing, so the
    same model trained twice gave files that differed though their arrays were equal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asanyarray(value), allow_pickle=False)
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buffer.getvalue())


def train_scorer(items: list[Parsed], path: Path) -> tuple[np.ndarray, float]:
    """Logistic regression: is this token part of a cue, from its and its head's contextual vectors."""
    inputs, targets = [], []
    for item in items:
        rows = [i for sent in body_sentences(item.doc, item.norm) for i in range(sent.start, sent.end)]
        cues = cue_token_sets(item)
        inputs.append(scorer_inputs(item.doc)[rows])
        targets.extend(i in cues for i in rows)
    model = LogisticRegression(C=1.0, max_iter=300).fit(np.vstack(inputs), np.array(targets))
    scorer = model.coef_[0].astype(np.float32), float(model.intercept_[0])
    save_arrays(path, weights=scorer[0], bias=scorer[1])
    return scorer


def sequences(items: list[Parsed], scorer: tuple[np.ndarray, float]) -> tuple[list, list]:
    cue_data, role_data = [], []
    for item in items:
        doc = item.doc
        feats = base_features(doc, quotation_state(doc), cue_scores(doc, scorer))
        tree = parse_tree(doc)
        sents = body_sentences(doc, item.norm)
        sentence_of = {i: sent for sent in sents for i in range(sent.start, sent.end)}
        cue_labels = {sent.start: ["O"] * len(sent) for sent in sents}
        for gold in item.article.attributions:
            cue_tokens = item.tokens_in(gold.cue[:1])
            if not cue_tokens or cue_tokens[0] not in sentence_of:
                continue
            sent = sentence_of[cue_tokens[0]]
            cue_tokens = [i for i in cue_tokens if i < sent.end]
            bio(cue_tokens, "CUE", sent.start, len(sent), cue_labels[sent.start])
            labels = ["O"] * len(sent)
            for fragments in gold.sources:
                bio(item.tokens_in(fragments), "S", sent.start, len(sent), labels)
            for fragments in gold.contents:
                bio(item.tokens_in(fragments), "C", sent.start, len(sent), labels)
            cue = (cue_tokens[0], cue_tokens[-1] + 1)
            for i in range(*cue):
                labels[i - sent.start] = "O"
            role_data.append((role_sequence(feats, tree, sent, cue), labels))
        for sent in sents:
            cue_data.append((cue_sequence(feats, sent), cue_labels[sent.start]))
    return cue_data, role_data


def train(data: list, path: Path, params: dict) -> str:
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in data:
        trainer.append(features, labels)
    trainer.set_params(params)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(path))
    seconds, size = time.perf_counter() - started, path.stat().st_size // 1024
    return f"{path.name}: {len(data)} sequences, {seconds:.0f} s, {size} KB"


def _train_job(job: tuple[list, Path, dict]) -> str:
    return train(*job)


def train_taggers(items: list[Parsed], out: Path, workers: int) -> list[str]:
    """The cue scorer, then the cue and role CRFs (in parallel with 2 workers), written into `out`."""
    cue_data, role_data = sequences(items, train_scorer(items, out / CUE_SCORER.name))
    jobs = [(cue_data, out / CUE_MODEL.name, CUE_PARAMS), (role_data, out / ROLE_MODEL.name, ROLE_PARAMS)]
    if workers > 1:
        # An executor, not a Pool: a worker killed for memory (each holds 3-4 GB) then fails the run instead of
        # leaving it waiting forever for the job's result.
        with ProcessPoolExecutor(2, mp_context=get_context("fork")) as pool:
            return list(pool.map(_train_job, jobs))
    return [train(*job) for job in jobs]


def checker_evidence(items: list[Parsed], workers: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Evidence and truth of every candidate in each half of train, proposed by taggers trained on the other
    half; and the number of gold attributions. A candidate is true when it is a whole attribution as
    bench.attribution_eval counts one: its content overlaps a gold content and, where that gold attribution
    names a source, its source overlaps the gold source (a right cue with a wrong content is no attribution)."""
    evidence, truth, gold = [], [], 0
    for fold in range(2):
        held_out = items[fold::2]
        with TemporaryDirectory() as tmp:
            folder = Path(tmp)
            train_taggers([item for i, item in enumerate(items) if i % 2 != fold], folder, workers)
            fold_taggers = open_taggers(folder / CUE_MODEL.name, folder / ROLE_MODEL.name)
            scorer = load_scorer(folder / CUE_SCORER.name)
        for item in held_out:
            golds = [({i for fragments in g.sources for i in item.tokens_in(fragments)},
                      {i for fragments in g.contents for i in item.tokens_in(fragments)})
                     for g in item.article.attributions]
            gold += len(golds)
            for candidate in candidates(item.doc, item.norm, quotation_openings(item.doc), *fold_taggers, scorer):
                sources = {i for a, b in candidate.sources for i in range(a, b)}
                contents = {i for a, b in candidate.contents for i in range(a, b)}
                evidence.append(candidate.evidence)
                truth.append(any(contents & gold_contents and (not gold_sources or sources & gold_sources)
                                 for gold_sources, gold_contents in golds))
    return np.array(evidence), np.array(truth), gold


def train_checker(evidence: np.ndarray, truth: np.ndarray, gold: int, path: Path) -> str:
    """Logistic regression over the evidence; its threshold is the one with the best F1 on the cross-fitted
    candidates (a gold attribution no candidate found counts as missed at every threshold)."""
    model = LogisticRegression(C=1.0, max_iter=1000).fit(evidence, truth)
    probabilities = model.predict_proba(evidence)[:, 1]
    order = np.argsort(-probabilities, kind="stable")
    found = np.cumsum(truth[order])
    f1 = 2 * found / (np.arange(1, len(order) + 1) + gold)
    best = int(np.argmax(f1))
    threshold = float(probabilities[order[best]])
    save_arrays(path, weights=model.coef_[0], bias=float(model.intercept_[0]), threshold=threshold)
    return f"{path.name}: {len(truth)} candidates, threshold {threshold:.3f}, cross-fitted whole F1 {f1[best]:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed Docs here between runs")
    parser.add_argument("--workers", type=int, default=2, help="spaCy processes; the two CRFs train in parallel")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N articles only")
    parser.add_argument("--out", type=Path, default=CUE_MODEL.parent, help="where to write the models")
    args = parser.parse_args()
    items = parsed("train", args.cache, args.workers, args.limit)
    evidence, truth, gold = checker_evidence(items, args.workers)
    reports = train_taggers(items, args.out, args.workers)
    reports.append(train_checker(evidence, truth, gold, args.out / CUE_CHECKER.name))
    print("\n".join(reports))


if __name__ == "__main__":
    main()
