"""Text shared by the stages: normalising wordings, the vocabulary of asking,
script and width handling, and the jieba word segmenter with its dictionary."""
