import math
from collections import deque


class KVCache:
    def __init__(self, max_tokens: int):
        self.max_tokens = max_tokens
        self.keys = deque()
        self.values = deque()

    def append(self, k: list, v: list) -> None:
        self.keys.append(list(k))
        self.values.append(list(v))
        if len(self.keys) > self.max_tokens:  # 超出窗口:丢掉最早的 token
            self.keys.popleft()
            self.values.popleft()

    def size(self) -> int:
        return len(self.keys)

    def get(self) -> list:
        # 返回副本:调用方拿到的结果不会被之后的 append 改掉
        return [[list(k) for k in self.keys], [list(v) for v in self.values]]

    def attend(self, q: list) -> list:
        if not self.keys:
            return []
        scale = math.sqrt(len(q))
        scores = [sum(a * b for a, b in zip(q, k)) / scale for k in self.keys]
        m = max(scores)
        weights = [math.exp(s - m) for s in scores]
        total = sum(weights)
        return [sum(w * v[c] for w, v in zip(weights, self.values)) / total for c in range(len(self.values[0]))]
