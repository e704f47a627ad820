def auc(labels: list, scores: list) -> float:
    # AUC = 随机取一个正样本和一个负样本,正样本得分更高的概率(同分算 1/2)
    # 按得分排序,用秩和公式,同分的样本取平均秩:O(n log n)
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for t in range(i, j + 1):
            ranks[order[t]] = (i + j) / 2 + 1  # 第 i..j 名同分:取平均秩(秩从 1 开始)
        i = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    rank_sum = sum(r for r, y in zip(ranks, labels) if y == 1)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)
