def lengthOfLongestSubstring(s: str) -> int:
    last = {}  # 每个字符最后一次出现的下标
    start = best = 0  # 窗口 s[start:i+1] 里没有重复字符
    for i, ch in enumerate(s):
        if last.get(ch, -1) >= start:
            start = last[ch] + 1  # 跳过窗口里那个重复的字符
        last[ch] = i
        best = max(best, i - start + 1)
    return best
