def mySqrt(x: int) -> int:
    # 二分查找满足 k * k <= x 的最大整数 k
    lo, hi = 0, x
    while lo < hi:
        mid = (lo + hi + 1) // 2  # 取上中位数,保证区间每次都会缩小
        if mid * mid <= x:
            lo = mid
        else:
            hi = mid - 1
    return lo
