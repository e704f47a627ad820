"""Old links to a question keep working after it moves or merges (kb-redirect.js + ids.json)."""

import json

import pytest


@pytest.fixture(scope="module")
def moved(site):
    """An entry and a topic page it is not on: the link a moved entry leaves behind."""
    kb = json.loads((site.dir / "kb.json").read_text(encoding="utf-8"))
    if "questions" not in kb:
        pytest.skip("the small site has no knowledge base")
    entry = next(q for q in kb["questions"] if not q["url"].startswith("topics/agent/"))
    return entry


def test_an_old_link_to_a_moved_entry_lands_on_its_current_page(page, site, moved):
    page.goto(site.url + "topics/agent/#" + moved["id"])
    page.wait_for_url("**/" + moved["url"].split("#")[0] + "#" + moved["id"], timeout=10000)
    assert page.locator(f'[id="{moved["id"]}"]').count() == 1


def test_an_alias_of_a_merged_entry_lands_on_the_entry(page, site):
    ids = json.loads((site.dir / "ids.json").read_text(encoding="utf-8"))
    kb = json.loads((site.dir / "kb.json").read_text(encoding="utf-8"))
    entry = next(q for q in kb["questions"] if q["aliases"])
    alias = entry["aliases"][0]
    assert ids[alias] == entry["url"]
    page.goto(site.url + "topics/agent/#" + alias)
    page.wait_for_url("**/" + entry["url"].split("#")[0] + "**", timeout=10000)
    assert page.locator(f'[id="{alias}"]').count() == 1  # the alias anchor is on the entry's page


def test_an_anchor_on_the_page_is_left_alone(page, site):
    kb = json.loads((site.dir / "kb.json").read_text(encoding="utf-8"))
    entry = kb["questions"][0]
    page.goto(site.url + entry["url"])
    page.wait_for_timeout(500)
    assert page.url == site.url + entry["url"]


def test_a_malformed_escape_in_the_hash_throws_nothing(page, site):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url + "topics/agent/#%E4%ZZ")
    page.wait_for_timeout(500)
    assert errors == [] and page.url.endswith("topics/agent/#%E4%ZZ")
