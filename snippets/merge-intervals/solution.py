def merge(intervals: list) -> list:
    merged = []
    # 按起点排序后,能合并的区间一定相邻
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
