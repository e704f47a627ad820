from collections import deque


def numIslands(grid: list) -> int:
    rows, cols = len(grid), len(grid[0])
    seen = [[False] * cols for _ in range(rows)]
    count = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "1" or seen[r][c]:
                continue
            # 发现一块新的岛屿:用 BFS 把和它相连的陆地都标记掉
            count += 1
            seen[r][c] = True
            queue = deque([(r, c)])
            while queue:
                x, y = queue.popleft()
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    if 0 <= nx < rows and 0 <= ny < cols and grid[nx][ny] == "1" and not seen[nx][ny]:
                        seen[nx][ny] = True
                        queue.append((nx, ny))
    return count
