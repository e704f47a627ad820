def iou(box1: list, box2: list) -> float:
    # 交集:左上角取两者的较大值,右下角取较小值;不相交时宽或高为 0
    w = max(0.0, min(box1[2], box2[2]) - max(box1[0], box2[0]))
    h = max(0.0, min(box1[3], box2[3]) - max(box1[1], box2[1]))
    inter = w * h
    area1 = (box1[2] - box1[0]) * (box1[3] - box1[1])
    area2 = (box2[2] - box2[0]) * (box2[3] - box2[1])
    union = area1 + area2 - inter
    return inter / union if union > 0 else 0.0
