def threeSum(nums: list) -> list:
    nums = sorted(nums)
    n, found = len(nums), []
    for i in range(n - 2):
        if nums[i] > 0:
            break  # 最小的数都大于 0,后面不可能凑出 0
        if i > 0 and nums[i] == nums[i - 1]:
            continue  # 同一个第一个数只枚举一次,避免重复的三元组
        lo, hi = i + 1, n - 1
        while lo < hi:
            total = nums[i] + nums[lo] + nums[hi]
            if total < 0:
                lo += 1
            elif total > 0:
                hi -= 1
            else:
                found.append([nums[i], nums[lo], nums[hi]])
                lo += 1
                while lo < hi and nums[lo] == nums[lo - 1]:
                    lo += 1
                hi -= 1
    return found
