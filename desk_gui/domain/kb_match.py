"""Tokens for knowledge-base matching: how a caller's sentence meets an article (pure Python).

Chinese is written without spaces and callers paraphrase, so a text becomes: lower-case ASCII
words, every CJK character alone and every pair of neighbouring CJK characters (bigrams), error
codes in one normal form (``0x0000007E`` → ``7e``), and the canonical words of a small table of
colloquial phrases (打不出来 → 打印) and English ↔ Chinese desk terms (printer ↔ 打印机). The
store puts the tokens of an article's title, keywords and body in three columns of a full-text
index and ranks an OR of the query's tokens with BM25, title and keywords weighted above the
body.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

# Particles and pronouns: alone they match every article; a bigram with one is noise.
_STOP_CHARS = frozenset("的了吗呢吧啊么哦呀嘛我你他她它们这那个是在就都也还又请帮一下")
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "i",
        "my",
        "me",
        "we",
        "our",
        "you",
        "your",
        "it",
        "its",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "not",
        "no",
        "with",
        "from",
        "by",
        "this",
        "that",
        "can",
        "cannot",
        "can't",
        "cant",
        "doesn't",
        "don't",
        "does",
        "do",
        "did",
        "has",
        "have",
        "had",
        "when",
        "what",
        "why",
        "how",
        "will",
        "would",
        "should",
        "please",
        "help",
        "there",
        "any",
        "some",
        "just",
        "get",
        "got",
        "after",
        "before",
        "again",
        "still",
    ]
)
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
_HEX = re.compile(r"^0x0*([0-9a-f]+)$")

# Colloquial phrase → the words an article uses. Applied to queries and articles alike, so a
# caller's 打不出来 meets an article's 打印 whichever side says it.
_COLLOQUIAL: dict[str, str] = {
    "打不出": "打印",
    "打印不了": "打印",
    "打不了": "打印",
    "出不来纸": "打印 进纸",
    "不出纸": "打印 进纸",
    "纸卡": "卡纸",
    "夹纸": "卡纸",
    "上不了网": "网络 上网",
    "上不去网": "网络 上网",
    "没网": "网络 上网",
    "断网": "网络 断开",
    "网断": "网络 断开",
    "连不上": "连接 失败",
    "连不了": "连接 失败",
    "登不上": "登录 失败",
    "登不进": "登录 失败",
    "登录不了": "登录 失败",
    "进不去": "登录 打开 失败",
    "打不开": "打开 失败",
    "开不了机": "开机 启动",
    "开不开机": "开机 启动",
    "不开机": "开机 启动",
    "起不来": "启动",
    "没反应": "无响应",
    "没有反应": "无响应",
    "卡死": "无响应 死机",
    "卡住": "无响应",
    "好慢": "慢",
    "很慢": "慢",
    "特别慢": "慢",
    "没声音": "声音 音频",
    "没有声音": "声音 音频",
    "听不见": "声音 音频",
    "听不到": "声音 音频",
    "收不到": "接收",
    "发不出": "发送",
    "发不了": "发送",
    "密码忘": "密码 重置",
    "忘记密码": "密码 重置",
    "忘了密码": "密码 重置",
    "锁住": "锁定",
    "被锁": "锁定",
    "黑屏": "黑屏 显示",
    "不亮": "显示 黑屏",
    "花屏": "显示",
    "中毒": "病毒",
    "满了": "空间 已满",
    "没空间": "空间 已满",
    "投不上": "投影",
    "扫不了": "扫描",
    "扫描不了": "扫描",
    "无线网": "无线 wifi",
    "网线": "有线 网线",
    "插网线": "有线 网线",
    "没墨": "墨粉 硒鼓",
    "缺墨": "墨粉 硒鼓",
    "没粉": "墨粉 硒鼓",
    "缺粉": "墨粉 硒鼓",
    "账户": "账号",
    "帐号": "账号",
    "缓慢": "慢",
    "无信号": "信号",
    "没信号": "信号",
    "识别不了": "识别 失败",
    "读不出": "识别 失败",
    "认不出": "识别 失败",
    "掉线": "断开",
    "断线": "断开",
    "断了": "断开",
}

# English desk words ↔ the Chinese an article may use instead (both ways).
_BILINGUAL: dict[str, str] = {
    "printer": "打印机",
    "print": "打印",
    "printing": "打印",
    "offline": "离线",
    "jam": "卡纸",
    "paper": "纸",
    "copier": "复印机",
    "scanner": "扫描",
    "scan": "扫描",
    "toner": "硒鼓 墨粉",
    "network": "网络",
    "internet": "上网 网络",
    "wireless": "无线",
    "wifi": "无线",
    "wired": "有线",
    "ethernet": "有线",
    "cable": "网线",
    "password": "密码",
    "reset": "重置",
    "locked": "锁定",
    "lock": "锁定",
    "account": "账号",
    "login": "登录",
    "logon": "登录",
    "email": "邮件",
    "mail": "邮件",
    "mailbox": "邮箱",
    "send": "发送",
    "receive": "接收",
    "slow": "慢",
    "screen": "屏幕",
    "monitor": "显示器",
    "display": "显示",
    "blue": "蓝",
    "bsod": "蓝屏",
    "crash": "崩溃",
    "freeze": "无响应",
    "frozen": "无响应",
    "sound": "声音",
    "audio": "音频",
    "microphone": "麦克风",
    "mic": "麦克风",
    "keyboard": "键盘",
    "mouse": "鼠标",
    "disk": "磁盘",
    "space": "空间",
    "full": "已满",
    "virus": "病毒",
    "install": "安装",
    "update": "更新",
    "certificate": "证书",
    "projector": "投影",
    "meeting": "会议",
    "share": "共享",
    "folder": "文件夹",
    "permission": "权限",
    "access": "权限 访问",
    "denied": "拒绝",
    "connect": "连接",
    "connection": "连接",
    "boot": "启动 开机",
    "start": "启动",
    "license": "许可证 授权",
    "activation": "激活",
    "battery": "电池",
    "phone": "电话",
    "camera": "摄像头",
    "driver": "驱动",
    "error": "错误",
    "timeout": "超时",
    "database": "数据库",
    "invoice": "发票",
    "attachment": "附件",
    "calendar": "日历",
}

_CHINESE_TO_EN: dict[str, str] = {}
for _en, _zh in _BILINGUAL.items():
    for _word in _zh.split():
        _CHINESE_TO_EN.setdefault(_word, _en)


# Pinyin initials without a dictionary: GB2312's 3,755 level-1 characters (the common ones) are
# ordered by pinyin, so the first code of each initial letter bounds its range.
_GB_STARTS = (45217, 45253, 45761, 46318, 46826, 47010, 47297, 47614, 48119, 49062, 49324,
              49896, 50371, 50614, 50622, 50906, 51387, 51446, 52218, 52698, 52980, 53689,
              54481, 55290)  # fmt: skip
_GB_LETTERS = "abcdefghjklmnopqrstwxyz"
PINYIN_PREFIX = "py"


def initial(ch: str) -> str | None:
    """The pinyin initial of a common character (打 → d); None for a rare or non-CJK one."""
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return None
    if len(code) != 2:
        return None
    value = code[0] * 256 + code[1]
    if not _GB_STARTS[0] <= value < _GB_STARTS[-1]:
        return None
    return _GB_LETTERS[bisect.bisect_right(_GB_STARTS, value) - 1]


def pinyin_tokens(text: str) -> list[str]:
    """Initials of every 2- to 4-character stretch of CJK text, prefixed (打印机 → pydyj)."""
    out: list[str] = []
    for run in _CJK.findall(text):
        letters = [initial(ch) for ch in run]
        for size in (2, 3, 4):
            for i in range(len(run) - size + 1):
                part = letters[i : i + size]
                if all(part):
                    out.append(PINYIN_PREFIX + "".join(part))  # type: ignore[arg-type]
    return out


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def is_common_word(word: str) -> bool:
    """Whether a lower-case Latin word is a filler or a desk word (not a system's name)."""
    if word in _STOP_WORDS or word in _BILINGUAL:
        return True
    return word.endswith("s") and word[:-1] in _BILINGUAL


def _ascii_tokens(word: str) -> list[str]:
    """One ASCII word's tokens: itself (hex codes without 0x and leading zeros) and its parts."""
    hex_code = _HEX.match(word)
    if hex_code:
        return [hex_code.group(1)]
    out: list[str] = []
    parts = re.split(r"[-_.]", word)
    if len(parts) > 1:
        out.append("".join(parts))  # wi-fi → wifi, e-mail → email
    for part in parts:
        if not part or part in _STOP_WORDS:
            continue
        if part.isdigit() and len(part) > 1:
            part = part.lstrip("0") or "0"
        elif len(part) > 4 and part.endswith("s") and not part.endswith("ss"):
            part = part[:-1]  # printers → printer
        out.append(part)
    return out


def _cjk_tokens(run: str) -> list[str]:
    """A run of CJK characters: every character alone and every neighbouring pair."""
    out = [ch for ch in run if ch not in _STOP_CHARS]
    out += [
        run[i : i + 2]
        for i in range(len(run) - 1)
        if run[i] not in _STOP_CHARS and run[i + 1] not in _STOP_CHARS
    ]
    return out


def _expansions(text: str) -> str:
    """The canonical words of the colloquial phrases and bilingual terms found in ``text``."""
    extra = [canon for phrase, canon in _COLLOQUIAL.items() if phrase in text]
    for word in _ASCII_WORD.findall(text):
        for part in [word, *re.split(r"[-_.]", word)]:
            if part in _BILINGUAL:
                extra.append(_BILINGUAL[part])
            elif part.endswith("s") and part[:-1] in _BILINGUAL:
                extra.append(_BILINGUAL[part[:-1]])
    for zh, en in _CHINESE_TO_EN.items():
        if zh in text:
            extra.append(en)
    return " ".join(extra)


def _raw_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for piece in re.split(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)", text):
        if not piece:
            continue
        if _CJK.fullmatch(piece):
            tokens += _cjk_tokens(piece)
        else:
            for word in _ASCII_WORD.findall(piece):
                tokens += _ascii_tokens(word)
    return tokens


def tokens(text: str, *, expand: bool = True) -> list[str]:
    """Every token of ``text`` in order (repeats kept: BM25 counts them)."""
    text = normalise(text)
    found = _raw_tokens(text)
    if expand:
        found += _raw_tokens(_expansions(text))
    return found


def query_tokens(text: str, limit: int = 48) -> list[str]:
    """The distinct tokens of a query, longest (most telling) first, at most ``limit``.

    A short all-letter word may be typed pinyin initials (dyj for 打印机): it also looks for
    the indexed initials of titles and keywords.
    """
    seen: dict[str, None] = {}
    for token in tokens(text):
        seen.setdefault(token, None)
    for word in _ASCII_WORD.findall(normalise(text)):
        if 2 <= len(word) <= 5 and word.isalpha() and word not in _BILINGUAL:
            seen.setdefault(PINYIN_PREFIX + word, None)
    ordered = sorted(seen, key=lambda t: (-len(t), list(seen).index(t)))
    return ordered[:limit]


def index_text(text: str, *, pinyin: bool = False) -> str:
    """A field as the index stores it: its tokens space-joined (unicode61 keeps each whole).

    ``pinyin``: add the initials of its Chinese (titles and keywords: what a caller names).
    """
    found = tokens(text)
    if pinyin:
        found += pinyin_tokens(normalise(text))
    return " ".join(found)


def fts_match(query: Iterable[str]) -> str | None:
    """An FTS5 OR of quoted tokens; None when there is none (no user syntax reaches FTS5)."""
    quoted = ['"' + t.replace('"', "") + '"' for t in query if t]
    return " OR ".join(quoted) if quoted else None


# Characters in half of all tickets: a bigram with one is costly to look up in the ticket index
# (two long position lists) and says little; the canonical words of _COLLOQUIAL replace them.
_COMMON_CHARS = frozenset("不上下来去过到有无没法能用后时")


def phrases(text: str, limit: int = 12) -> list[str]:
    """Words worth looking for in the ticket search: CJK bigrams and ASCII words of 2+ letters."""
    out: dict[str, None] = {}
    for token in tokens(text):
        if len(token) == 2 and _CJK.fullmatch(token):
            if not _COMMON_CHARS & set(token):
                out.setdefault(token, None)
        elif token.isascii() and len(token) > 1:
            out.setdefault(token, None)
    return list(out)[:limit]


def overlap(a: str, b: str) -> float:
    """Dice similarity of two texts' token sets (0 … 1): near-duplicate titles score high."""
    ta, tb = set(tokens(a, expand=False)), set(tokens(b, expand=False))
    if not ta or not tb:
        return 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))
