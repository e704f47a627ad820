import math


def softmax(logits: list) -> list:
    # 先减去最大值:结果不变,但 exp 的参数都 <= 0,不会上溢
    m = max(logits)
    exps = [math.exp(x - m) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]
