def climbStairs(n: int) -> int:
    # 到第 i 阶的走法 = 到第 i-1 阶的走法 + 到第 i-2 阶的走法
    a, b = 1, 1  # 第 0 阶、第 1 阶
    for _ in range(n - 1):
        a, b = b, a + b
    return b
