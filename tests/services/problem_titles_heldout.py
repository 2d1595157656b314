"""Held-out problem titles for evaluating how ticket titles are grouped into weekly problems.

Written by a helper session acting as the human judge, blind to the grouping code: no file
under desk_gui/ and no other test or data file was opened while writing it. Each inner list
holds titles that different desk agents and callers might type, in one week, for the SAME
underlying problem. The titles were invented by hand to vary the way real titles do:
colloquial vs. formal wording, with or without a place or a person, word order, particles
(又、总是、一直、了), English or mixed text, full-width letters and punctuation, error codes,
one-character typos, very short and long titles. Several groups are hard negatives of one
another: they share words (打印机, VPN/无线, 邮箱密码, 会议室A, Excel, U盘/U盾, ...) but name
different problems and must stay apart. Different business systems (ERP, CRM, OA) are
different problems.
"""

GROUPS: list[list[str]] = [
    # 1. The 3rd-floor printer (finance dept is on 3F) keeps jamming.
    [
        "三楼打印机卡纸",
        "财务部打印机又卡纸了",
        "3F printer paper jam",
        "三楼那台惠普打印机老是卡纸，一天卡好几次，纸都扯不出来了",
        "打印机卡址",
        "3楼复印机一直卡纸！！",
    ],
    # 2. The 2nd-floor printer is low on toner / needs a new drum (hard negative of 1 and 3).
    [
        "打印机缺墨",
        "2楼打印机硒鼓没粉了，打出来发白",
        "打印字迹很淡，需要换墨盒",
        "toner low 提示更换碳粉",
        "打印机提示碳粉不足",
        "行政部打印出来的字越来越淡，是不是该换硒鼓了",
    ],
    # 3. A printer shows as offline on the PC (hard negative of 1 and 2).
    [
        "打印机显示脱机",
        "打印机打不出来，显示脱机状态",
        "printer offline",
        "人事部电脑连不上打印机，一直显示脱机",
        "打印任务一直排队 打印机脱机",
        "打印失败：打印机处于脱机状态",
    ],
    # 4. VPN does not connect after the VPN client was updated (hard negative of 5 and 38).
    [
        "VPN连不上",
        "升级VPN客户端后连不上了",
        "VPN connection failed after client update",
        "vpn 无法连接",
        "ＶＰＮ登录失败，提示网关无响应！",
        "在家连公司VPN一直转圈，昨天刚更新过客户端",
        "VNP连接不上",
    ],
    # 5. Wi-Fi keeps dropping in meeting room B (hard negative of 4 and 6).
    [
        "会议室B无线经常掉线",
        "会议室B WiFi总是断",
        "Wi-Fi keeps dropping in meeting room B",
        "B会议室开会的时候无线网络一会断一会连，视频会议都卡掉了",
        "会议室Ｂ的ＷＩＦＩ又掉线了",
        "会议室B网络不稳定",
    ],
    # 6. The whole 2nd floor's wired network is down (hard negative of 5 and 39).
    [
        "没网了",
        "二楼整层断网",
        "2楼所有电脑都上不了网，网线插着也没用",
        "2F network down",
        "二楼工位网口全部没网",
        "二楼办公区有线网络中断",
    ],
    # 7. Outlook on the PC receives no mail (hard negative of 8, 9 and 35).
    [
        "Outlook收不到邮件",
        "outlook 一直收不到新邮件",
        "邮箱收不到外部邮件，客户说已经发过来了",
        "Outlook not receiving emails",
        "销售部张经理的Outlook从早上开始就收不到任何邮件了",
        "Outlook收件箱不更新",
        "收不到邮件了",
    ],
    # 8. Outlook cannot send; mail stays in the outbox (hard negative of 7 and 35).
    [
        "Outlook发不出邮件",
        "邮件发送失败，一直在发件箱里",
        "邮件卡在发件箱发不出去",
        "Outlook cannot send email",
        "Outlook发送邮件报错 0x800CCC0F",
        "发出去的邮件一直停在发件箱",
    ],
    # 9. Company mail does not sync to mobile phones; the PC is fine (hard negative of 7).
    [
        "手机收不到公司邮件",
        "iPhone上公司邮箱不同步了",
        "手机邮箱收不到新邮件，电脑上正常",
        "phone email not syncing",
        "安卓手机企业邮箱一直同步失败",
        "手机上的邮件app收不到邮件",
    ],
    # 10. Forgotten mailbox password (hard negative of 11, 12 and 29).
    [
        "邮箱密码忘记了",
        "忘记企业邮箱密码，需要重置",
        "邮相密码忘了",
        "forgot email password",
        "员工忘记邮箱登录密码，申请重置",
    ],
    # 11. Forgotten Windows boot / lock-screen password (hard negative of 10 and 12).
    [
        "电脑开机密码忘记",
        "忘了Windows开机密码，进不去系统",
        "开机密码忘了怎么办",
        "forgot Windows login password on laptop",
        "前台新买的笔记本开机密码想不起来了",
        "电脑锁屏密码忘记了",
    ],
    # 12. Domain account locked out (hard negative of 10 and 11).
    [
        "账号被锁定",
        "域账号锁定了",
        "输错几次密码账号被锁，登不上电脑",
        "account locked out",
        "提示“引用的账户当前已锁定”",
        "用户账户已被锁定，请联系管理员解锁",
        "AD账号又被锁了",
    ],
    # 13. Open a mailbox for a new hire (hard negative of 14 and 15).
    [
        "新员工开通邮箱",
        "新同事入职需要开个邮箱",
        "给新来的实习生申请企业邮箱",
        "new hire email account request",
        "下周一入职的王芳需要开通邮箱账号",
        "新人邮箱开通",
    ],
    # 14. Disable the mailbox of an employee who has left (hard negative of 13).
    [
        "离职员工停用邮箱",
        "李明已离职，请关闭他的邮箱",
        "离职人员邮箱注销",
        "disable mailbox for leaver",
        "离职同事的邮箱要停掉，邮件转给他的主管",
        "停用离职员工企业邮箱账号",
    ],
    # 15. Prepare a computer for a new hire (hard negative of 13).
    [
        "新员工需要配电脑",
        "新人入职电脑领用",
        "下周新来两个销售，要准备笔记本并装好软件",
        "new joiner laptop setup",
        "新同事的电脑还没到，先借一台用",
        "新员工电脑装机",
    ],
    # 16. No permission on the finance shared folder (hard negative of 17).
    [
        "共享文件夹没有权限",
        "财务共享盘打不开，提示拒绝访问",
        "访问财务共享文件夹提示你没有权限",
        "shared folder access denied",
        "财务共享目录只能看不能改，需要写入权限",
        "共享盘没权限",
        "财务部的共享文件夹进不去了",
    ],
    # 17. The mapped network drive Z: disappeared (hard negative of 16).
    [
        "Z盘不见了",
        "网络驱动器映射丢失",
        "我的电脑里的共享盘盘符没了",
        "mapped drive Z: missing",
        "开机后网络盘Z盘消失，要重新映射",
        "映射的网络盘断开了，显示红叉",
    ],
    # 18. ERP login fails (timeout) (hard negative of 19 and 20).
    [
        "ERP登录失败",
        "ERP登不上去",
        "ERP登录提示连接服务器超时",
        "ERP login error",
        "ＥＲＰ系统进不去",
        "仓库那边ERP一直登录超时",
        "仓库和采购两个部门今天上午都反映ERP登录不进去，提示连接服务器超时",
    ],
    # 19. CRM login fails (hard negative of 18).
    [
        "CRM登录失败",
        "CRM系统登不进去",
        "CRM login failed",
        "销售反映CRM登录一直转圈",
        "crm 无法登录",
        "CRM登陆不了",
    ],
    # 20. OA approval forms cannot be submitted (hard negative of 18).
    [
        "OA审批提交不了",
        "OA流程提交报错",
        "请假单在OA里提交失败",
        "OA approval submit error",
        "OA系统审批点提交没反应",
        "报销流程在OA提交一直失败，提示系统异常",
    ],
    # 21. The projector in meeting room A shows no signal (hard negative of 22 and 31).
    [
        "会议室A投影没信号",
        "会议室A投影仪显示无信号",
        "会议室A的投映仪连电脑没反应",
        "projector no signal in meeting room A",
        "A会议室投影连不上笔记本",
        "会议室A投影仪HDMI插上没画面",
        "下午两点客户要来开会，会议室A的投影仪接上笔记本还是显示无信号，急！",
    ],
    # 22. The microphone in meeting room A gives no sound (hard negative of 21 and 23).
    [
        "会议室A麦克风没声音",
        "会议室A话筒不响",
        "A会议室无线麦没声",
        "mic not working in room A",
        "会议室A麦克风没声音，换了电池也不行",
        "会议室A的话筒又没声音了！",
    ],
    # 23. Cannot hear the other side in Teams meetings (hard negative of 22).
    [
        "Teams开会听不到对方声音",
        "Teams会议没声音",
        "can't hear others in Teams meeting",
        "用耳机开Teams会议听不到别人说话",
        "teams 通话对方声音听不到",
        "视频会议时听不见对方讲话，耳机是好的",
    ],
    # 24. Blue screen 0x0000007E after a Windows update.
    [
        "更新后蓝屏",
        "电脑装完补丁后蓝屏 0x0000007E",
        "蓝屏代码0x0000007E",
        "BSOD after Windows update",
        "Windows更新以后开机就蓝屏重启",
        "电脑蓝平了",
        "昨晚自动更新后今天一开机就蓝屏，错误代码０x0000007E",
    ],
    # 25. Excel is slow to open (hard negative of 26 and 40).
    [
        "Excel打开很慢",
        "打开Excel要等好几分钟",
        "Excel启动特别慢",
        "Excel very slow to open",
        "财务的excel表格打开巨慢",
        "Excel每次打开都要转圈半天",
    ],
    # 26. Excel does not open / crashes on start (hard negative of 25).
    [
        "Excel打不开",
        "Excel闪退",
        "双击Excel文件没反应，打不开",
        "Excel won't open",
        "excel 一打开就崩溃",
        "Excel打开就提示已停止工作",
    ],
    # 27. Desk phone has no dial tone (hard negative of 28).
    [
        "座机没有拨号音",
        "电话拿起来没声音",
        "分机没拨号音，打不出去",
        "desk phone no dial tone",
        "前台电话没信号了",
        "座机不通",
        "财务部好几部座机拿起话筒都听不到拨号音，内线外线都打不出去",
    ],
    # 28. Calls cannot be transferred between extensions (hard negative of 27).
    [
        "电话转接不了",
        "分机无法转接",
        "前台转电话转不过去",
        "call transfer not working",
        "座机转接到其他分机就断线",
        "电话转移失败",
    ],
    # 29. Phishing mails posing as IT asking to "verify" the mailbox (hard negative of 30, 10).
    [
        "收到钓鱼邮件",
        "收到可疑邮件，要求验证账号密码",
        "phishing email reported",
        "好几个同事收到假冒IT部门的邮件让改密码",
        "疑似钓鱼邮件，点了链接怎么办",
        "收到邮件说邮箱要过期让点链接，是不是诈骗",
    ],
    # 30. Virus / adware pop-ups on a PC (hard negative of 29).
    [
        "电脑中毒了",
        "电脑一直弹广告",
        "右下角老是弹窗，怀疑有病毒",
        "popup ads keep appearing, possible virus",
        "杀毒软件报毒，发现木马",
        "浏览器主页被改了，还一直弹窗",
    ],
    # 31. Monitor stays black (hard negative of 21).
    [
        "显示器不亮",
        "显示器黑屏",
        "主机开着但屏幕没显示",
        "monitor no display",
        "显示器指示灯闪但是黑屏",
        "会计小刘的显示器突然黑了",
    ],
    # 32. Wireless mouse not working.
    [
        "鼠标不动了",
        "无线鼠标失灵",
        "鼠标没反应，换电池也没用",
        "wireless mouse not working",
        "鼠标光标卡住不动",
        "鼠标时灵时不灵",
    ],
    # 33. USB flash drive not recognised (hard negative of 34).
    [
        "U盘识别不了",
        "插U盘没反应",
        "电脑读不出U盘",
        "USB flash drive not recognized",
        "U盘插上提示无法识别的USB设备",
        "移动硬盘和U盘都认不出来",
    ],
    # 34. Online-banking USB key (U盾) not detected (hard negative of 33).
    [
        "网银U盾识别不了",
        "出纳的U盾插上没反应",
        "网银付款时提示找不到证书",
        "online banking USB key not detected",
        "工行U盾驱动装不上",
        "网银Ｕ盾又读不出来了",
    ],
    # 35. Scan-to-email on the multifunction copier fails (hard negative of 1, 7 and 8).
    [
        "扫描发不到邮箱",
        "复印机扫描到邮件失败",
        "scan to email not working",
        "多功能一体机扫描件发送不出去",
        "扫描仪扫完邮箱收不到",
        "三楼复印机扫描发送邮件报错",
    ],
    # 36. Office shows "not activated".
    [
        "Office显示未激活",
        "Word提示产品未激活",
        "Office激活失败",
        "Office product activation failed",
        "打开Word顶部一条红色提示需要激活",
        "office 许可证过期，提示未经授权的产品",
    ],
    # 37. C: drive is full.
    [
        "C盘满了",
        "C盘空间不足",
        "系统盘红了",
        "C drive full",
        "电脑提示磁盘空间不足，C盘只剩几百兆，软件都装不上了，能不能帮忙清理一下",
        "c盘爆满",
    ],
    # 38. Remote Desktop to the server fails (hard negative of 4).
    [
        "远程桌面连不上",
        "远程桌面连接服务器失败",
        "mstsc 连不上服务器",
        "RDP connection to server fails",
        "远程连接财务服务器提示出现身份验证错误",
        "远程桌面提示“远程计算机需要网络级别身份验证”",
    ],
    # 39. Web pages do not load while chat apps work (DNS) (hard negative of 6).
    [
        "网页打不开但微信能用",
        "浏览器打不开网站，QQ正常",
        "能上微信，打不开网页",
        "websites won't load but WeChat works",
        "所有网页都提示找不到服务器，聊天软件正常",
        "上网页提示DNS解析失败",
    ],
    # 40. PC is very slow to boot (hard negative of 25).
    [
        "电脑开机很慢",
        "开机要十几分钟",
        "computer takes forever to boot",
        "电脑开机特别慢，一直在转圈",
        "开机慢",
        "笔记本开机速度越来越慢了，从按电源到进桌面要等五六分钟",
    ],
]
