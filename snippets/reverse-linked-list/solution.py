class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


def reverseList(head: ListNode) -> ListNode:
    prev = None
    cur = head
    while cur:
        # 先记下后继,再把当前结点的指针掉头
        nxt = cur.next
        cur.next = prev
        prev, cur = cur, nxt
    return prev
