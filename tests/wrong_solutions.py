"""Wrong solutions of each runnable problem, by what is wrong with them: the
test cases of a snippet must catch every one, in CPython (tests/cells) and in
Pyodide (tests/node)."""

WRONG = {
    "two-sum": {
        "same element twice": """
def twoSum(nums, target):
    for i in range(len(nums)):
        for j in range(len(nums)):
            if nums[i] + nums[j] == target:
                return [i, j]
""",
        "skips numbers larger than target (breaks on negatives)": """
def twoSum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if x > target:
            continue
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
""",
        "indices into the sorted list": """
def twoSum(nums, target):
    s = sorted(nums)
    i, j = 0, len(s) - 1
    while i < j:
        if s[i] + s[j] == target:
            return [i, j]
        if s[i] + s[j] < target:
            i += 1
        else:
            j -= 1
""",
        "only neighbours": """
def twoSum(nums, target):
    for i in range(len(nums) - 1):
        if nums[i] + nums[i + 1] == target:
            return [i, i + 1]
""",
        "stops before the last element": """
def twoSum(nums, target):
    seen = {}
    for i, x in enumerate(nums[:-1]):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
""",
    },
    "remove-nth-node-from-end": {
        "removes the nth from the start": """
def removeNthFromEnd(head, n):
    dummy = ListNode(0, head)
    prev = dummy
    for _ in range(n - 1):
        prev = prev.next
    prev.next = prev.next.next
    return dummy.next
""",
        "no dummy node (cannot remove the head)": """
def removeNthFromEnd(head, n):
    fast = slow = head
    for _ in range(n):
        fast = fast.next
    while fast and fast.next:
        fast, slow = fast.next, slow.next
    slow.next = slow.next.next
    return head
""",
        "removes by value": """
def removeNthFromEnd(head, n):
    values = []
    node = head
    while node:
        values.append(node.val)
        node = node.next
    target = values[-n]
    values.remove(target)
    dummy = ListNode(0)
    tail = dummy
    for v in values:
        tail.next = ListNode(v)
        tail = tail.next
    return dummy.next
""",
        "off by one": """
def removeNthFromEnd(head, n):
    nodes = []
    node = head
    while node:
        nodes.append(node)
        node = node.next
    if n + 1 > len(nodes):
        return head
    k = len(nodes) - n - 1
    if k == 0:
        return head.next
    nodes[k - 1].next = nodes[k].next
    return head
""",
        "returns a Python list instead of a chain": """
def removeNthFromEnd(head, n):
    values = []
    while head:
        values.append(head.val)
        head = head.next
    del values[len(values) - n]
    return values
""",
    },
}
