"""A registry of named steps run in priority order: the cleaning steps
(generator.scrape.clean) and the question shapes (generator.scrape.shapes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator


class Registry:
    """Steps by name, run in priority order (highest first), as in
    Python-Markdown's `util.Registry`: callers can add, replace or remove one
    step without rewriting the list."""

    def __init__(self) -> None:
        self._steps: dict[str, tuple[float, Callable]] = {}

    @classmethod
    def in_order(cls, steps: list[tuple[str, Callable]], spacing: int = 10) -> "Registry":
        """A registry that runs `steps` in the order given, priorities spaced
        so that a caller can register a step between two of them."""
        registry = cls()
        for rank, (name, step) in enumerate(steps):
            registry.register(step, name, (len(steps) - rank) * spacing)
        return registry

    def register(self, step: Callable, name: str, priority: float) -> None:
        self._steps[name] = (priority, step)

    def deregister(self, name: str) -> None:
        del self._steps[name]

    def names(self) -> list[str]:
        return [name for name, _ in self]

    def __iter__(self) -> Iterator[tuple[str, Callable]]:
        ordered = sorted(self._steps.items(), key=lambda item: -item[1][0])
        return ((name, step) for name, (_, step) in ordered)
