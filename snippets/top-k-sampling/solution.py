import math


def top_k_filter(logits: list, k: int) -> list:
    # 按 logit 从大到小排序,一样大时下标小的在前;取前 k 个
    order = sorted(range(len(logits)), key=lambda i: (-logits[i], i))
    kept = order[:k]
    m = logits[kept[0]]
    exps = {i: math.exp(logits[i] - m) for i in kept}
    total = sum(exps.values())
    # 只在保留的 token 上做 softmax,其余概率为 0
    return [exps[i] / total if i in exps else 0.0 for i in range(len(logits))]
