import math


def cross_entropy(logits: list, targets: list, ignore_index: int = -100) -> float:
    total, count = 0.0, 0
    for row, target in zip(logits, targets):
        if target == ignore_index:
            continue  # 这个位置不参与损失,也不计入平均的分母
        # -log softmax(row)[target] = logsumexp(row) - row[target];减去最大值保证不溢出
        m = max(row)
        log_sum_exp = m + math.log(sum(math.exp(x - m) for x in row))
        total += log_sum_exp - row[target]
        count += 1
    return total / count if count else 0.0
