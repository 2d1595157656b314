"""Scenario tables for the demo generator: realistic bilingual help-desk requests."""

from __future__ import annotations

from typing import NamedTuple


class Scenario(NamedTuple):
    """One kind of request: title, description, steps taken and the fix (zh or en).

    ``departments``: the departments (name prefixes) the description speaks of; the ticket's
    requester comes from one of them. Empty: anyone who writes in ``lang``.
    """

    category: str
    title: str
    description: str
    steps: tuple[str, ...]
    solution: str
    lang: str = "zh"
    departments: tuple[str, ...] = ()


class Person(NamedTuple):
    """A requester: the department they work in and how the desk reaches them."""

    name: str
    department: str
    contact: str
    lang: str = "zh"


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "software",
        "CRM系统数据库连接错误",
        "上午9点打开CRM系统提示“数据库连接错误”，3名销售无法录入客户；重启电脑无效",
        ("检查数据库服务器，发现服务异常终止", "重启数据库服务，客户验证正常"),
        "重启数据库服务并配置开机自启，后续监控服务状态",
        departments=("销售部",),
    ),
    Scenario(
        "hardware",
        "打印机卡纸无法打印",
        "二楼财务室HP打印机从8点半起卡纸，报错E3，全部门无法打印报销单；已取出纸张仍报错",
        ("现场检查定影组件，发现残留碎纸", "清理定影器并更换搓纸轮"),
        "清理定影器残纸，更换磨损的搓纸轮，测试打印20页正常",
        departments=("财务部",),
    ),
    Scenario(
        "network",
        "会议室无线网络掉线",
        "3楼大会议室WiFi每隔10分钟断开一次，影响下午2点的客户视频会议；换笔记本也一样",
        ("检查AP日志，信道干扰严重", "调整AP信道并升级固件"),
        "将会议室AP固定到5GHz 149信道并升级固件，观察一小时无掉线",
    ),
    Scenario(
        "permission",
        "新员工无法访问共享盘",
        "部门新入职员工今天早上登录后无法打开\\\\fileserver\\market共享文件夹，提示拒绝访问",
        ("核对AD账号组成员", "将账号加入市场部共享组"),
        "在AD中把账号加入GRP-Market-RW组，注销重新登录后可访问",
        departments=("市场部",),
    ),
    Scenario(
        "software",
        "邮件客户端无法发送",
        "Outlook从昨天下午起发送邮件一直停留在发件箱，收件正常；已重启Outlook和电脑",
        ("检查发件箱中附件大小", "清除超大附件并重建OST文件"),
        "删除发件箱中38MB的附件邮件，重建OST文件后发送正常",
    ),
    Scenario(
        "hardware",
        "笔记本电脑无法开机",
        "提交人的ThinkPad今天早上按电源键无反应，充电灯不亮，下午要出差；换插座无效",
        ("检查电源适配器，适配器无输出", "更换备用适配器后正常开机"),
        "更换损坏的电源适配器，并为其申请新的备用适配器",
    ),
    Scenario(
        "network",
        "VPN连接频繁断开",
        "在家办公的3名财务人员VPN每半小时断一次，需要重新登录，影响月结；已重装客户端",
        ("检查VPN网关会话超时设置", "调整空闲超时并推送新配置"),
        "将VPN网关空闲超时从30分钟改为8小时，推送客户端配置",
        departments=("财务部",),
    ),
    Scenario(
        "permission",
        "ERP账号被锁定",
        "提交人输错密码5次后ERP账号被锁定，无法审批今天的采购单；需要尽快解锁",
        ("核实身份并检查锁定记录", "解锁账号并重置密码"),
        "电话核实身份后解锁ERP账号，重置初始密码并提醒首次登录修改",
        departments=("采购部",),
    ),
    Scenario(
        "other",
        "如何设置邮件自动回复",
        "提交人下周休假，询问如何在Outlook中设置外出自动回复，需要中英文两段内容",
        ("远程演示外出助理设置",),
        "远程协助设置Outlook自动答复，并发送知识库文章链接",
    ),
    Scenario(
        "software",
        "财务系统报表导出失败",
        "月末导出总账报表时提示“内存不足”，财务部4人无法完成结账；换电脑导出同样报错",
        ("检查报表服务日志，发现查询超时", "联系供应商获取补丁", "安装补丁并重建索引"),
        "安装供应商提供的报表补丁并重建数据库索引，导出恢复正常",
        departments=("财务部",),
    ),
    Scenario(
        "hardware",
        "显示器闪烁黑屏",
        "客服部工位12的显示器从今天上午开始每隔几分钟黑屏一次，影响接听客户电话；已换线",
        ("更换显示器测试，问题消失",),
        "更换故障显示器，原显示器送修",
        departments=("客服部",),
    ),
    Scenario(
        "network",
        "全公司网络中断",
        "9:05起全公司无法访问互联网和OA系统，所有部门受影响；核心交换机指示灯异常",
        ("检查核心交换机，发现电源模块故障", "切换到冗余电源", "联系厂商更换电源模块"),
        "切换冗余电源恢复网络，厂商更换故障电源模块并完成巡检",
    ),
    Scenario(
        "software",
        "Excel macro error",
        "Since this morning the monthly sales workbook shows 'Compile error in hidden module' "
        "on open for the whole sales team; reinstalling Office did not help",
        ("checked Trust Center settings", "re-signed the macro project"),
        "Re-signed the VBA project with the company certificate and pushed the trusted publisher",
        "en",
        departments=("Sales",),
    ),
    Scenario(
        "hardware",
        "Printer offline 3F",
        "The 3rd floor Canon printer shows offline for everyone since 10:00; "
        "power-cycled twice, still offline",
        ("pinged the printer: no reply", "found the network cable loose at the switch"),
        "Reseated the patch cable at the floor switch and labelled the port",
        "en",
    ),
    Scenario(
        "permission",
        "Team share denied",
        "A new assistant in the team gets 'access denied' on the team share since her first "
        "login today; colleagues can open it",
        ("checked group membership",),
        "Added the account to the team's RW group; access works after sign-out",
        "en",
    ),
    Scenario(
        "network",
        "Slow training Wi-Fi",
        "Training room Wi-Fi drops to under 1 Mbps when more than 10 laptops join; "
        "the 14:00 session is affected",
        ("surveyed channel use", "added a second access point"),
        "Installed a second AP and enabled band steering; 25 clients at 40 Mbps",
        "en",
    ),
)

PEOPLE: tuple[Person, ...] = (
    Person("小明", "销售部/北京分公司", "内线8888"),
    Person("张伟", "销售部/北京分公司", "内线8012"),
    Person("刘洋", "销售部/北京分公司", "钉钉 liuyang"),
    Person("王芳", "财务部/上海总部", "企业微信 wangfang"),
    Person("陈静", "财务部/上海总部", "内线6021"),
    Person("李娜", "市场部/上海总部", "钉钉 lina01"),
    Person("周婷", "人力资源部/上海总部", "内线3305"),
    Person("杨磊", "采购部/广州分公司", "内线2207"),
    Person("赵敏", "客服部/成都分公司", "内线5120"),
    Person("黄强", "客服部/成都分公司", "内线5121"),
    Person("吴刚", "行政部/上海总部", "内线3300"),
    Person("欧阳晓", "研发部/深圳研发中心", "企业微信 ouyangxiao"),
    Person("E10231", "研发部/深圳研发中心", "内线7031"),
    Person("Alice Tan", "Sales / Singapore office", "Teams: alice.tan", "en"),
    Person("David Lim", "Sales / Singapore office", "Teams: david.lim", "en"),
    Person("Priya Nair", "Finance / HQ", "ext. 4410", "en"),
)

DEPARTMENTS: tuple[str, ...] = tuple(dict.fromkeys(p.department for p in PEOPLE))
REQUESTERS: tuple[str, ...] = tuple(p.name for p in PEOPLE)
CONTACTS: tuple[str, ...] = tuple(p.contact for p in PEOPLE)


def people_for(sc: Scenario) -> tuple[Person, ...]:
    """Who can have filed ``sc``: people of its departments (or of its language)."""
    found = tuple(
        p
        for p in PEOPLE
        if p.lang == sc.lang and (not sc.departments or p.department.startswith(sc.departments))
    )
    if not found:
        raise ValueError(f"no requester fits the demo scenario {sc.title!r}")
    return found


STAFF: tuple[tuple[str, str, str], ...] = (
    ("李工程师", "l1", "hardware,software,other"),
    ("张三", "l1", "network,permission,other"),
    ("王五", "l1", "software,permission"),
    ("刘敏", "l1", "hardware,network,other"),
    ("赵工", "l2", "network,hardware"),
    ("陈工", "l2", "software,permission"),
    ("钱工", "l2", "hardware,software,other"),
    ("周工", "l2", "network,permission,other"),
    ("孙专家", "expert", "network,software"),
    ("吴专家", "expert", "software,permission,hardware"),
)

PROGRESS_NOTES: tuple[str, ...] = (
    "已电话告知提交人当前进度",
    "已通过企业微信同步处理进展",
    "告知提交人预计下午完成",
)
