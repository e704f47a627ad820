def beam_search(start: list, trans: list, eos: int, beam_width: int, max_len: int) -> list:
    def done(seq):
        return seq[-1] == eos or len(seq) == max_len

    def best_first(candidates):
        # 得分高的在前;得分相同时序列字典序小的在前
        return sorted(candidates, key=lambda c: (-c[0], c[1]))

    beam = best_first([(score, [t]) for t, score in enumerate(start)])[:beam_width]
    while not all(done(seq) for _, seq in beam):
        candidates = []
        for score, seq in beam:
            if done(seq):
                candidates.append((score, seq))  # 已结束的序列原样保留,参与竞争
            else:
                # 用 score + 对数概率 逐个累加:同样的序列得分完全相同
                candidates += [(score + lp, seq + [t]) for t, lp in enumerate(trans[seq[-1]])]
        beam = best_first(candidates)[:beam_width]
    return beam[0][1]
