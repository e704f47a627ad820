"""A synthetic corpus of scraped interview pages, for `make bench` (bench/bench_scale.py).

    python bench/corpus.py --docs 1000 --out /tmp/corpus [--seed 0]

Writes `scraped/<batch>/<number>_<hash>.txt|.html` under `--out`, in the
formats of the real pages in sources/scraped/: numbered lists with answers on
the following lines, "问题N、" headings, lists of questions without answers,
answers inline after the question mark, interviewer/candidate dialogues,
saved HTML pages with navigation and ads, coding problems with Python code,
and the furniture the cleaner removes (promotions, "join our group" lines,
copyright and comment widgets). Questions are the real wordings of the five
bundled documents, new wordings of them (which dedupe must merge back), and
questions made from the entity table with new templates, so that the number
of entries keeps growing with the corpus as it does with real scraped pages.

All text templates are our own. Document i depends only on (seed, i): the
first 100 documents of the 1,000-document corpus are the 100-document corpus,
so sizes nest and one more document is a small, realistic change.

This module only writes files; it does not run the pipeline.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

# Wordings from the five bundled documents, as they were asked.
REAL_WORDINGS = [
    "聊一下RAG项目总体思路?",
    "使用外挂知识库主要是为了解决什么问题?",
    "如何评价RAG项目的效果好坏,即指标是什么?",
    "在做RAG项目过程中遇到哪些问题?怎么解决的?",
    "模型推理是怎么做的,有没有cot,tot等等,还是单轮?",
    "大模型可控性如何实现,怎么保证可控性?",
    "模型部署的平台,推理效率怎么样,如何提升推理效率?",
    "了解 Ai Agent 么?",
    "知道 Multi-Agent 么?",
    "self-attention的计算方式?",
    "self-attention原理",
    "你是怎么理解 Self-Attention 的?",
    "说一下 transformer的模型架构和细节?",
    "你能讲讲 Transformer 的整体结构吗?",
    "LoRA原理",
    "目前主流的开源模型体系有哪些",
    "prefix LM 和 causal LM 区别是什么?",
    "涌现能力是啥原因?",
    "大模型LLM的架构介绍?",
    "模型幻觉是什么?业内解决方案是什么?",
    "大模型的Tokenizer的实现方法及原理?",
    "大模型常用的激活函数有哪些",
    "多查询注意力与群查询注意力是否了解?区别是什么?",
    "什么是LLMs复读机问题?",
    "为什么会出现LLMs复读机问题?",
    "如何缓解LLMs复读机问题?",
    "如何让大模型处理更长的文本?",
    "为什么SFT之后感觉LLM傻了?",
    "SFT指令微调数据如何构建?",
    "进行SFT操作的时候基座模型选用Chat还是Base?",
    "指令微调的好处?",
    "预训练和微调哪个阶段注入知识的?",
    "多轮对话任务如何微调模型?",
    "微调模型需要多大显存?",
    "预训练和SFT操作有什么不同?",
    "样本量规模增大训练出现OOM报错怎么解决?",
    "prompt tuning 和 prefix tuning在微调上的区别是什么?",
    "LangChain包含哪些核心概念?",
    "如何使用LangChain?",
    "你解释一下模型的泛化能力是什么?",
    "你讲一下word2vec里面的负采样,随便讲一种策略。",
    "对Seq2Seq模型的理解",
    "位置编码,LLM用的是什么?为什么这么设计?",
    "RAG向量召回怎么做的?",
    "你是怎么对 LLM 进行 fine-tuning 的?",
]

# New wordings of real questions: (new wording, the real one it repeats).
REWORDINGS = [
    "讲讲 LoRA 的原理?", "LoRA 的原理是什么?", "简单说一下 Self-Attention 的原理",
    "Transformer 的整体结构是怎样的?", "请介绍一下 Transformer 的模型架构",
    "什么是 LLMs 复读机问题?", "LLMs 复读机问题怎么缓解?", "大模型幻觉是什么?",
    "SFT 的指令微调数据怎么构建?", "微调一个模型需要多大的显存?",
    "prefix LM 和 causal LM 有什么区别?", "说说 RAG 项目的总体思路",
    "模型的泛化能力是什么?", "如何使用 LangChain?", "LangChain 的核心概念有哪些?",
    "多轮对话任务怎么微调模型?", "大模型有哪些常用的激活函数?",
]

# Coding problems, by title (the LeetCode catalog knows them).
PROBLEMS = [
    ("两数之和", "def twoSum(nums, target):\n    seen = {}\n    for i, x in enumerate(nums):\n"
               "        if target - x in seen:\n            return [seen[target - x], i]\n        seen[x] = i\n    return []"),
    ("删除链表的倒数第 N 个结点", "def removeNthFromEnd(head, n):\n    dummy = ListNode(0, head)\n    fast = slow = dummy\n"
                         "    for _ in range(n + 1):\n        fast = fast.next\n    while fast:\n"
                         "        fast, slow = fast.next, slow.next\n    slow.next = slow.next.next\n    return dummy.next"),
    ("反转链表", "def reverseList(head):\n    prev = None\n    while head:\n        head.next, prev, head = prev, head, head.next\n"
             "    return prev"),
]

# Question templates over the entity table: {e}, {e2} are entities.
TEMPLATES = [
    "{e}的核心思想是什么?", "为什么需要{e}?", "{e}在训练时会遇到什么问题?", "怎么判断{e}是否生效?",
    "{e}和{e2}各适合什么场景?", "{e}的计算复杂度是多少?", "{e}在推理阶段有什么开销?",
    "你在项目里用{e}解决了什么问题?", "{e}有哪些变体?", "{e}的超参数怎么调?",
    "如果不用{e}会怎样?", "{e}对显存的影响有多大?", "讲讲{e}的实现细节",
]
PREFIXES = ["", "", "", "请", "讲一下", "说说", "简单介绍一下", "你能讲讲"]

# Answer sentences: our own, about an entity {e}.
ANSWER_SENTENCES = [
    "{e}的出发点是用更少的计算换取相近的效果,代价是实现上多了一些约束。",
    "实际使用时要先看数据规模,数据少的时候{e}的收益并不明显。",
    "我们在项目里对比过几组设置,{e}在长文本上的提升最大,短文本上基本持平。",
    "它的主要问题是对超参数比较敏感,学习率和 warmup 需要重新调。",
    "显存方面,{e}会额外保存一部分中间结果,batch 大的时候要注意。",
    "评估时除了离线指标,还要看线上的人工评测和 badcase 分布。",
    "和传统做法相比,{e}更容易并行,训练吞吐能提高不少。",
    "如果效果不好,一般先检查数据格式和 tokenizer 是否一致。",
    "面试时可以从动机、做法、优缺点三个方面回答。",
    "工程上通常结合量化和 KV Cache 一起使用,推理速度能再快一截。",
]
PROJECT_WORDS = ["客服问答", "合同审核", "代码补全", "医疗问诊", "金融研报", "电商搜索", "法律检索", "教育答疑"]
COMPANIES = ["字节跳动", "阿里", "腾讯", "美团", "百度", "小米", "快手", "京东", "网易", "华为"]
ROLES = ["大模型算法工程师", "NLP 算法工程师", "模型部署工程师", "AI 应用开发", "推荐算法工程师"]

# Furniture the cleaner removes (our own wording of the usual blog furniture).
FURNITURE = [
    "关注公众号「模型笔记本」,后台回复【面经】领取完整版 PDF",
    "想进技术交流群的同学可以加微信号 abc-notes,备注:面经",
    "觉得有用的话点赞收藏一下,持续更新中",
    "版权声明:本文为博主原创文章,转载请注明出处",
    "《大模型面试通关手册》正式发布,文末扫码领取",
    "相关推荐",
]
SEO_HEAD = "大模型面试题,LLM面试题汇总,算法岗面经,NLP 面试"


def _entities() -> list[str]:
    from generator import rules

    return sorted(name for name, term in rules.load("glossary.yml").items() if term.kind == "entity")


class _Writer:
    """One document's text, made from its own random generator."""

    def __init__(self, rng: random.Random, entities: list[str], number: int):
        self.rng = rng
        self.entities = entities
        self.number = number

    def entity(self) -> str:
        return self.rng.choice(self.entities)

    def question(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(REAL_WORDINGS)
        if r < 0.5:
            return self.rng.choice(REWORDINGS)
        if r < 0.9:
            e, e2 = self.rng.sample(self.entities, 2)
            return self.rng.choice(PREFIXES) + self.rng.choice(TEMPLATES).format(e=e, e2=e2)
        # A question about the candidate's own project: new in every document.
        project = self.rng.choice(PROJECT_WORDS)
        return f"你在{project}项目 {self.number}-{self.rng.randrange(1000)} 里是怎么处理{self.entity()}的?"

    def answer(self, sentences: int) -> list[str]:
        e = self.entity()
        return [self.rng.choice(ANSWER_SENTENCES).format(e=e) for _ in range(sentences)]

    def questions(self, low: int, high: int) -> list[str]:
        found: list[str] = []
        for _ in range(self.rng.randint(low, high)):
            q = self.question()
            if q not in found:
                found.append(q)
        return found


def _title(w: _Writer) -> str:
    return f"{w.rng.choice(COMPANIES)}{w.rng.choice(ROLES)}面经({w.rng.choice(['一面', '二面', '三面', '实习'])})"


def _numbered(w: _Writer) -> list[str]:
    out = []
    for section, name in enumerate(["一、基础篇", "二、微调篇", "三、应用篇"][: w.rng.randint(1, 3)]):
        out += [name]
        for n, q in enumerate(w.questions(3, 8), 1):
            out.append(f"{n}、{q}")
            out += w.answer(w.rng.randint(1, 3))
    return out


def _problem_headed(w: _Writer) -> list[str]:
    out = []
    for n, q in enumerate(w.questions(5, 12), 1):
        out.append(f"问题{n}、{q.rstrip('??')}")
        out += w.answer(w.rng.randint(2, 4))
    return out


def _list_only(w: _Writer) -> list[str]:
    out = ["2. 技术问题", "", "2.1 基础相关面试题", ""]
    out += [f"  {n}. {q}\n" for n, q in enumerate(w.questions(8, 16), 1)]
    return out


def _inline(w: _Writer) -> list[str]:
    out = []
    for n, q in enumerate(w.questions(5, 10), 1):
        q = q if q.endswith(("?", "?")) else q + "?"
        out.append(f"{n}. {q} {' '.join(w.answer(w.rng.randint(1, 2)))}")
    return out


def _dialogue(w: _Writer) -> list[str]:
    out = ["大模型面试现场", "(Begin)", ""]
    for q in w.questions(5, 10):
        q = q if q.endswith(("?", "?")) else q + "?"
        out.append(f"面试官:{q}")
        out.append("应聘者:" + "".join(w.answer(w.rng.randint(1, 3))))
        if w.rng.random() < 0.3:
            out.append("面试官:那它的缺点是什么?")
            out.append("应聘者:" + "".join(w.answer(1)))
        out.append("")
    return out


def _code(w: _Writer) -> list[str]:
    title, code = w.rng.choice(PROBLEMS)
    return ["", "3. 代码题", "", f"手撕代码:{title}", "", "思路:一次遍历,边走边记录。", "", code, ""]


STYLES = (_numbered, _problem_headed, _list_only, _inline, _dialogue)


def document_text(number: int, seed: int = 0, entities: list[str] | None = None) -> tuple[str, str]:
    """(format, text) of document `number`: "text" or "html"."""
    rng = random.Random(f"{seed}:{number}")
    w = _Writer(rng, entities or _entities(), number)
    title = _title(w)
    lines = [f"{SEO_HEAD}{title}" if rng.random() < 0.2 else title, ""]
    lines += [rng.choice(FURNITURE)]
    lines += [f"应聘岗位:{rng.choice(COMPANIES)}-{rng.choice(ROLES)}", ""]
    lines += rng.choice(STYLES)(w)
    if rng.random() < 0.4:
        lines += _code(w)
    lines += ["", rng.choice(FURNITURE), rng.choice(FURNITURE)]
    if rng.random() < 0.15:
        return "html", _html(title, lines)
    return "text", "\n".join(lines) + "\n"


def _html(title: str, lines: list[str]) -> str:
    import html

    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head><body>\n"
        "<nav class=\"navbar\"><a href=\"/\">首页</a><a href=\"/hot\">热门</a></nav>\n"
        f"<article><h1>{html.escape(title)}</h1>\n{body}\n</article>\n"
        "<div class=\"ads\">限时优惠:大模型训练营报名</div>\n"
        "<footer>© 某某博客</footer></body></html>\n"
    )


def document_name(number: int, text: str, fmt: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    suffix = "html" if fmt == "html" else "txt"
    return f"scraped/batch{number // 1000:02d}/{number:05d}_{digest}.{suffix}"


def write_corpus(out_dir: Path, documents: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write documents start..start+documents-1 under out_dir; returns their paths.

    One document in fifty is saved as GB18030, as some Chinese blogs serve it."""
    entities = _entities()
    written = []
    for number in range(start, start + documents):
        fmt, text = document_text(number, seed, entities)
        path = Path(out_dir) / document_name(number, text, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        encoding = "gb18030" if number % 50 == 49 and fmt == "text" else "utf-8"
        path.write_bytes(text.encode(encoding))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write a synthetic corpus of interview pages")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.docs, args.seed)
    print(f"wrote {len(paths)} documents under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
