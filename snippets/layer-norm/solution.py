import math


def layer_norm(x: list, gamma: list, beta: list, eps: float = 1e-5) -> list:
    out = []
    for row in x:
        # 每个样本(每一行)在特征维上单独归一化:有偏方差,eps 加在根号里
        mean = sum(row) / len(row)
        var = sum((v - mean) ** 2 for v in row) / len(row)
        inv = 1.0 / math.sqrt(var + eps)
        out.append([(v - mean) * inv * g + b for v, g, b in zip(row, gamma, beta)])
    return out
