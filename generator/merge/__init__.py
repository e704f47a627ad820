"""Merge: the questions of every source into entries (dedupe: the same
question in other words is one entry) and entries into topics (topics)."""
