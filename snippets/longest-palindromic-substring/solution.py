def longestPalindrome(s: str) -> str:
    best_lo, best_hi = 0, 0  # 目前最长的回文子串 s[best_lo:best_hi]
    for center in range(2 * len(s) - 1):
        # 偶数 center 以字符为中心,奇数 center 以两个字符之间为中心
        lo, hi = center // 2, (center + 1) // 2
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        if hi - lo - 1 > best_hi - best_lo:  # 严格更长才替换:一样长时保留起点更靠前的
            best_lo, best_hi = lo + 1, hi
    return s[best_lo:best_hi]
