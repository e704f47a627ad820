import math


def apply_rope(x: list, base: float = 10000.0) -> list:
    d = len(x[0])
    out = []
    for m, row in enumerate(x):  # 第 m 行就是位置 m
        rotated = []
        for i in range(d // 2):
            # 第 i 对 (x[2i], x[2i+1]) 旋转角度 m * theta_i,theta_i = base^(-2i/d)
            angle = m * base ** (-2 * i / d)
            c, s = math.cos(angle), math.sin(angle)
            a, b = row[2 * i], row[2 * i + 1]
            rotated += [a * c - b * s, a * s + b * c]
        out.append(rotated)
    return out
