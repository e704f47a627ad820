import heapq


def findKthLargest(nums: list, k: int) -> int:
    # 大小为 k 的小根堆:堆里始终是目前最大的 k 个数,堆顶就是第 k 大
    heap = nums[:k]
    heapq.heapify(heap)
    for x in nums[k:]:
        if x > heap[0]:
            heapq.heapreplace(heap, x)
    return heap[0]
