def longestCommonSubsequence(text1: str, text2: str) -> int:
    # dp[j]:text1 的前 i 个字符与 text2 的前 j 个字符的最长公共子序列长度(滚动数组)
    n = len(text2)
    prev = [0] * (n + 1)
    for ch in text1:
        cur = [0] * (n + 1)
        for j in range(1, n + 1):
            if ch == text2[j - 1]:
                cur[j] = prev[j - 1] + 1
            else:
                cur[j] = max(prev[j], cur[j - 1])
        prev = cur
    return prev[n]
