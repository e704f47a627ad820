def minDistance(word1: str, word2: str) -> int:
    # dp[j]:把 word1 的前 i 个字符变成 word2 的前 j 个字符所需的最少操作数
    n = len(word2)
    prev = list(range(n + 1))  # i = 0:插入 j 个字符
    for i, ch in enumerate(word1, 1):
        cur = [i] + [0] * n  # j = 0:删除 i 个字符
        for j in range(1, n + 1):
            if ch == word2[j - 1]:
                cur[j] = prev[j - 1]
            else:
                # 替换、删除、插入三者取最小
                cur[j] = 1 + min(prev[j - 1], prev[j], cur[j - 1])
        prev = cur
    return prev[n]
