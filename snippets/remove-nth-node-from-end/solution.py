class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next

def removeNthFromEnd(head: ListNode, n: int) -> ListNode:
    # 创建一个哑节点,以处理边界条件
    dummy = ListNode(0)
    dummy.next = head
    first = dummy
    second = dummy
    # 让第一个指针先移动 n + 1 步
    for _ in range(n + 1):
        first = first.next
    # 同时移动两个指针,直到第一个指针到达链表末尾
    while first is not None:
        first = first.next
        second = second.next
    # 删除倒数第 n 个节点
    second.next = second.next.next
    return dummy.next
