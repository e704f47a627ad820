def top_p_filter(probs: list, p: float) -> list:
    # 按概率从大到小排序,一样大时下标小的在前
    order = sorted(range(len(probs)), key=lambda i: (-probs[i], i))
    kept, cumulative = [], 0.0
    for i in order:
        kept.append(i)
        cumulative += probs[i]
        if cumulative >= p:  # 让累计概率第一次达到 p 的那个 token 也保留
            break
    total = sum(probs[i] for i in kept)
    out = [0.0] * len(probs)
    for i in kept:
        out[i] = probs[i] / total
    return out
