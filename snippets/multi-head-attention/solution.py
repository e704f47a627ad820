import math


def matmul(A: list, B: list) -> list:
    cols = list(zip(*B))
    return [[sum(a * b for a, b in zip(row, col)) for col in cols] for row in A]


def multi_head_attention(X: list, Wq: list, Wk: list, Wv: list, Wo: list, num_heads: int, causal: bool = False) -> list:
    n, d_model = len(X), len(X[0])
    d_k = d_model // num_heads
    Q, K, V = matmul(X, Wq), matmul(X, Wk), matmul(X, Wv)
    concat = [[] for _ in range(n)]
    for h in range(num_heads):
        cols = slice(h * d_k, (h + 1) * d_k)  # 第 h 个头用第 h 段列
        q = [row[cols] for row in Q]
        k = [row[cols] for row in K]
        v = [row[cols] for row in V]
        for i in range(n):
            visible = range(i + 1) if causal else range(n)  # 因果掩码:只看位置 <= i
            scores = [sum(a * b for a, b in zip(q[i], k[j])) / math.sqrt(d_k) for j in visible]
            m = max(scores)
            w = [math.exp(s - m) for s in scores]
            total = sum(w)
            concat[i] += [sum(wj * v[j][c] for wj, j in zip(w, visible)) / total for c in range(d_k)]
    return matmul(concat, Wo)  # 各头拼接后再做一次输出投影
