class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


def mergeTwoLists(list1: ListNode, list2: ListNode) -> ListNode:
    dummy = tail = ListNode()
    while list1 and list2:
        # 取两个表头中较小的那个接到结果后面
        if list1.val <= list2.val:
            tail.next, list1 = list1, list1.next
        else:
            tail.next, list2 = list2, list2.next
        tail = tail.next
    # 其中一条走完了,另一条剩下的部分原样接上
    tail.next = list1 if list1 else list2
    return dummy.next
