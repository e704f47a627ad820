"""YAML written by people the project does not control: a contribution's
front matter, a scraped Markdown page's front matter, metadata.yml.

PyYAML's safe loader still expands aliases, so ten lines of anchors and
aliases ("billion laughs") make a structure of billions of items and take
the build down. Such a text has no business using aliases: here an alias is
an error, reported like any other YAML error, at its line.
"""

from __future__ import annotations

import yaml


class NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases (*name)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed here; write the value out",
                                              event.start_mark)
        return super().compose_node(parent, index)


def load(text: str):
    """The value of a YAML text, like yaml.safe_load, aliases refused."""
    return yaml.load(text, Loader=NoAliasLoader)


def compose(text: str):
    """The node tree of a YAML text, like yaml.compose, aliases refused."""
    return yaml.compose(text, Loader=NoAliasLoader)
