"""The urgent detector: harm to a person or property happening now (domain.md §2, seed 001/002/004).

Recall comes first: an emergency missed waits in the queue with everything else, while a false
alarm costs a supervisor one click. So a cue marks the complaint urgent unless its own clause
says otherwise: negated (没有受伤, 不是急事), hypothetical (担心, 万一) or over and done with
(去年摔过一次，早就好了). A learned model cannot promise that; a reviewed list of cues can, and
the cues it found are shown to the agent.
"""

import re
from dataclasses import dataclass

#: kind of harm -> its cues, space-separated regular expressions over the normalised text (see
#: ``text.normalise``; Cantonese forms included).
CUES: dict[str, str] = {
    "injury": (
        "受伤 摔[倒伤断下了破着] 跌[倒伤下咗] 滑倒 绊倒 坠[楼落下] 掉下[来去] 掉在地上 滑[下落] 从床上[掉摔滚] "
        "骨折 流血 出血 流紧血 头破 起了?个?包 淤青 青紫 烫[伤红起] 太烫 起[了个]?泡 烧伤 划伤 割伤 咬伤 抓伤 "
        "扭伤 昏迷 晕倒 晕过去 没有?意识 休克 抽搐 窒息 呛[奶住着水] 噎[住着] 卡住了 卡在喉 脸都?[紫青]了 "
        "憋[紫青] 喘不上气 呼吸困难 高烧 中毒 触电 被电 电了一下 血压[^，。！？]{0,3}(?:上来|升高|飙) 哆嗦 "
        "叫不太?醒 挂在床 拉不上来"
    ),
    "hospital": (
        "(?:打|叫|拨|喊)[了咗]?(?:个)?(?:120|白车) 120(?:急救|救护|来了|拉走|已经打了|打了) "
        "120[^，。！？]{0,6}(?:来|到|路上) 白车 急诊 急救 抢救 救护车 送医 送(?:到|去)?医院 正在医院 "
        "在医院(?:抢救|急诊|缝针|检查|观察) 往医院 医院的路上 (?:准备|正要|马上|赶紧|现在|正)去医院 icu 重症"
    ),
    "police": ("(?:打|报|拨)[了咗]?(?:个)?110 报警 报了警 报[紧咗]警 警察 派出所 公安"),
    "medication": (
        "[吃喂服用打给][错多]了?[药针] [吃喂服]了?[一两]遍 又给吃 药当成 当成别的药 药[吃喂给服用][错多] 用错药 "
        "打错针 剂量 药量 过量 误[服食吃] 乱[喂给]药"
    ),
    "violence": (
        "打[人孩宝老伤哭] 打我[孩宝家老妈爸] 一巴掌 打了?[我她他][一两]?[巴下顿拳] 动手打 "
        "[掐扇拧踢][了孩宝老小我她他] 推[了倒搡] 一把推 扇[了他她我]?耳光 虐待 殴打 家暴 拿[刀棍] 体罚 捆[绑住] "
        "绑在 指着 拍桌子 踹门 对骂"
    ),
    "threat": (
        "威胁 恐吓 要[杀弄砍]死 弄死 杀了 报复 找人收拾 不得好死 让你好看 砸东西 大吵大闹 赖着不走 不肯走 就不走 "
        "跟我没完 堵[我在] 敲门 非要进"
    ),
    "theft": (
        "偷[了走拿钱东] 被偷 失窃 被盗 盗[窃走] 顺走 撬[开咗了] 扫码转 "
        "拿走了?[我家的]*(?:金|钱|现金|首饰|项链|手镯|戒指|手表|名表|包) "
        "(?:金|钱|现金|首饰|项链|手镯|戒指|手表|名表|存折|银行卡)[^，。！？]{0,6}(?:不见|没了|丢了|找不[到着]|少了)"
    ),
    "hazard": (
        "煤气味 燃气味 [煤燃]气[^，。！？]{0,4}(?:泄漏|漏|味|没关|开着) 天然气 液化气 漏气 着火 起火 失火 火灾 "
        "冒烟 漏电 跳闸 插座都?泡 漏水 滴水 水漫 淹了 喷水 往外[喷冒] 哗哗 爆管 水管[^，。！？]{0,4}[断裂爆掉] "
        "进水管 流到客厅 爆炸 往下掉 要掉下 砸[到伤中] 压[住在伤] 撞[倒塌伤] 撞了人 探[出到]?窗外 探出去 爬上窗 "
        "窗台上 悬在 没系[安全]*[绳带] 高空"
    ),
    "missing": (
        "走失 走丢 丢了孩子 孩子丢 找不[到着](?:人|孩子|宝宝|老人|她了|他了) 人找不[到着] 不知去向 没回家 都在找 "
        "(?:人|保姆|阿姨|孩子|宝宝|老人)不见了 带走了?[孩宝] 往外走 转悠 丢在"
    ),
    "harassment": ("性骚扰 猥亵 摸[我她他] 碰我 动手动脚 骚扰 偷拍 强奸 暴露 裸 单独约"),
    "alone_at_risk": (
        "[孩宝小][子宝孩朋友]*[^，。！？]{0,6}(?:一个人在家|独自在家|没人管|反锁|锁在) "
        "把[孩宝][^，。！？]{0,4}(?:锁|丢|扔) 一个人都没有 身边没人 没人看着 没人照顾"
    ),
    "unreachable": ("联系不上 打不通 关机 失联 不接电话 电话不接"),
    "alarm": (
        "急[!！] 救命 快来人 来人啊 马上来人 派人过去 派人回来 派人来 马上过去 赶紧过去 赶紧让人 马上派 立刻派 "
        "赶紧给[她他]打电话 让[她他]马上 叫[她他]走 (?:我|我们|家属)(?:现在)?正?在路上 往回赶 往家赶 赶回去 "
        "马上上去 紧急 十万火急 害怕 好怕 很怕 不敢(?:出|开门|回|碰|动|进) 吓死 怎么办 在线等"
    ),
}

#: Before a cue in the same clause: the harm did not happen, or not yet, or long ago.
_NEGATED = r"(?:没有|没|未|并未|并没有|不是|无|别|不用|不需要|不至于|幸好没|好在没|还好没)[^，。！？；,;!?\n ]{0,4}$"
_NOT_NOW = (
    r"(?:担心|万一|怕|会不会|如果|要是|假如|容易|可能会|隐患|以后会|防止|避免|预防|提醒|差点|差一点|还以为|以为|曾经?|有案底|否则|不然|"
    r"以前)[^，。！？；,;!?\n ]{0,12}$"
)
#: Anywhere in the text: the harm is over and dealt with.
_RESOLVED = re.compile(
    r"(?:早就?|已经?|都)(?:好了|痊愈|康复|出院|处理[好完]|解决|过去了|追回)|当天就回家|不是新发生|"
    r"(?:去年|前年|上个?月|上周|上礼拜|年初|几个月前|前几天|之前|以前|上次)[^。！？\n]{0,30}(?:好了|没事|痊愈|康复|出院|处理[好完]|解决了)"
)
#: Said outright: nothing is happening now. The strong ones outweigh every cue.
_ALL_CLEAR_STRONG = re.compile(r"不是急事|不着急|不急|虚惊一场")
_ALL_CLEAR = re.compile(
    r"人没事|没有?大碍|没受伤|没有受伤|没出[什啥]?么?事|都没事|没[啥什]么?大?事|就好了|查过了?没事|没事了"
)

#: Kinds that signal an emergency only when someone who cannot fend for themselves is involved.
_NEEDS_DEPENDANT = {"unreachable"}
_DEPENDANT = re.compile(r"孩子|宝宝|婴儿|新生儿|老人|我妈|我爸|母亲|父亲|奶奶|爷爷|姥姥|姥爷|外婆|外公|老伴")

_CLAUSE_BREAK = re.compile(r"[，。！？；,;!?\n ]")
_PATTERNS = {kind: re.compile("|".join(cues.split())) for kind, cues in CUES.items()}
_NEGATED_RE = re.compile(_NEGATED)
_NOT_NOW_RE = re.compile(_NOT_NOW)


@dataclass(frozen=True)
class UrgentFinding:
    urgent: bool
    cues: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


def _clause_before(text: str, start: int) -> str:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    return text[breaks[-1] if breaks else 0 : start]


def detect_urgent(text: str) -> UrgentFinding:
    """Cues of harm happening now in a normalised text, with the negated and hypothetical ones left out."""
    cues: list[str] = []
    kinds: list[str] = []
    for kind, pattern in _PATTERNS.items():
        if kind in _NEEDS_DEPENDANT and not _DEPENDANT.search(text):
            continue
        for match in pattern.finditer(text):
            before = _clause_before(text, match.start())
            if _NEGATED_RE.search(before) or _NOT_NOW_RE.search(before):
                continue
            if match.group() not in cues:
                cues.append(match.group())
            if kind not in kinds:
                kinds.append(kind)
    calm = _ALL_CLEAR_STRONG.search(text) or (_ALL_CLEAR.search(text) and not _grave(kinds))
    if not cues or _RESOLVED.search(text) or calm:
        return UrgentFinding(urgent=False, cues=tuple(cues), kinds=tuple(kinds))
    return UrgentFinding(urgent=True, cues=tuple(cues), kinds=tuple(kinds))


def _grave(kinds: list[str]) -> bool:
    """Cues that a reassuring phrase elsewhere in the text does not cancel."""
    return bool({"hospital", "police", "theft", "missing", "harassment", "medication"} & set(kinds))
