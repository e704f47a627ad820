import math


def rms_norm(x: list, weight: list, eps: float = 1e-6) -> list:
    out = []
    for row in x:
        # 不减均值,只除以均方根;eps 加在根号里
        rms = math.sqrt(sum(v * v for v in row) / len(row) + eps)
        out.append([v / rms * w for v, w in zip(row, weight)])
    return out
