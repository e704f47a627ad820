def maxSubArray(nums: list) -> int:
    # cur:以当前元素结尾的子数组的最大和;前面的和为负就不如从当前元素重新开始
    best = cur = nums[0]
    for x in nums[1:]:
        cur = max(cur + x, x)
        best = max(best, cur)
    return best
