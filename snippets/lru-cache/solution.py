from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self.items = OrderedDict()  # 从旧到新:最久未使用的在最前面

    def get(self, key: int) -> int:
        if key not in self.items:
            return -1
        self.items.move_to_end(key)  # 用过一次,变成最新
        return self.items[key]

    def put(self, key: int, value: int) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)  # 淘汰最久未使用的
