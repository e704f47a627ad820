import math


def attention(Q: list, K: list, V: list, causal: bool = False) -> list:
    d = len(Q[0])
    out = []
    for i, q in enumerate(Q):
        # 第 i 个查询对每个键的打分,除以 sqrt(d) 防止点积过大、softmax 过尖
        scores = [sum(a * b for a, b in zip(q, k)) / math.sqrt(d) for k in K]
        if causal:
            scores = scores[: i + 1]  # 因果掩码:只能看到位置 <= i 的键
        m = max(scores)
        weights = [math.exp(s - m) for s in scores]
        total = sum(weights)
        out.append([sum(w * v[c] for w, v in zip(weights, V)) / total for c in range(len(V[0]))])
    return out
