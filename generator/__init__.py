"""大模型面试题知识库: a static knowledge-base site generator.

Turns Chinese LLM / NLP interview write-ups (plain-text page dumps and saved
HTML pages) into a cross-linked Q&A site. The pipeline is in `run.build`; the
mkdocs integration in `plugin`; the command line in `cli`.
"""
