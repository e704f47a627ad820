class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


def reverseKGroup(head: ListNode, k: int) -> ListNode:
    dummy = ListNode(0, head)
    before = dummy  # 上一组翻转后的尾结点
    while True:
        # 先看剩下的结点够不够 k 个,不够就保持原样
        end = before
        for _ in range(k):
            end = end.next
            if end is None:
                return dummy.next
        after = end.next
        # 翻转 before.next ... end 这一组
        prev, cur = after, before.next
        while cur is not after:
            nxt = cur.next
            cur.next = prev
            prev, cur = cur, nxt
        first = before.next  # 翻转前的组首,翻转后成了组尾
        before.next = end
        before = first
