from collections import Counter


def bpe_merge(words: list, freqs: list) -> dict:
    # 统计相邻符号对的出现次数,按词频加权(同一个词里重复出现的对分别计数)
    counts = Counter()
    for word, freq in zip(words, freqs):
        for a, b in zip(word, word[1:]):
            counts[(a, b)] += freq
    if not counts:
        return {"pair": None, "words": words}
    # 次数最多的对;次数相同时取 (a, b) 字典序最小的
    best = min(counts, key=lambda pair: (-counts[pair], pair))
    merged = []
    for word in words:
        out, i = [], 0
        while i < len(word):
            if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                out.append(word[i] + word[i + 1])  # 从左到右合并,合并过的符号不再参与
                i += 2
            else:
                out.append(word[i])
                i += 1
        merged.append(out)
    return {"pair": list(best), "words": merged}
