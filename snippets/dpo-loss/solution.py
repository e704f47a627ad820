import math


def dpo_loss(policy_chosen: list, policy_rejected: list, ref_chosen: list, ref_rejected: list, beta: float) -> float:
    total = 0.0
    for pc, pr, rc, rr in zip(policy_chosen, policy_rejected, ref_chosen, ref_rejected):
        # 隐式奖励之差:策略相对参考模型,在 chosen 上提升的 log 概率减去在 rejected 上提升的
        z = beta * ((pc - rc) - (pr - rr))
        # -log(sigmoid(z)) = softplus(-z),用稳定的写法避免 exp 溢出
        total += max(-z, 0.0) + math.log1p(math.exp(-abs(z)))
    return total / len(policy_chosen)
