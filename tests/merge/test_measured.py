"""The measured quality of topics, related links and merging on the real
corpora stays at least what was pinned in tests/data/measured.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import bench_dedupe
import bench_topics
from corpora import knowledge_bases

PINNED = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "measured.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kbs():
    return knowledge_bases()


def test_topic_accuracy_and_the_catch_all_share_hold(kbs):
    scores = bench_topics.evaluate_topics(kbs, bench_topics.load_labels())
    assert scores.found == scores.labelled, "a labelled wording is no longer any entry's: " + "; ".join(
        m for m in scores.mistakes if m.startswith("not found"))
    assert round(scores.accuracy, 3) >= PINNED["topics"]["accuracy"], scores.mistakes[:20]
    assert round(scores.catch_all_share, 3) <= PINNED["topics"]["catch_all_share"]
    assert round(scores.wrongly_caught / scores.found, 3) <= PINNED["topics"]["wrongly_caught"]


def test_related_links_share_a_concept_and_lead_to_questions(kbs):
    scores = bench_topics.evaluate_related(kbs)
    assert scores.links > 0
    assert round(scores.sharing / scores.links, 3) >= PINNED["related"]["sharing_a_concept"], scores.mistakes[:10]
    assert round(scores.to_questions / scores.links, 3) >= PINNED["related"]["to_a_question"], scores.mistakes[:10]


def test_merging_keeps_look_alikes_apart_and_recall_holds():
    scores = bench_dedupe.evaluate(bench_dedupe.load_pairs())
    pinned = PINNED["merging"]
    assert scores.total["same"] + scores.total["related"] + scores.total["apart"] >= 400
    assert round(scores.kept_apart, 3) >= pinned["kept_apart"], [m for m in scores.mistakes if "false" in m]
    assert round(scores.precision, 3) >= pinned["precision"]
    assert round(scores.recall, 3) >= pinned["recall"], [m for m in scores.mistakes if "missed" in m][:20]
