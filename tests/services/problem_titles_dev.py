"""Problem titles the grouping was tuned on (written by the lead): each inner list is one
problem as different agents titled it in one week; neighbouring lists share words on purpose.
The held-out set (``problem_titles_heldout``) was written apart, blind to the grouping code."""

GROUPS: list[list[str]] = [
    ["三楼打印机卡纸", "打印机又卡纸了", "3F打印机卡纸", "printer paper jam 3F", "打印机夹纸"],
    ["打印机缺墨", "打印机没墨了", "打印机提示更换硒鼓", "toner low on printer"],
    ["打印机打不出来", "打印机无法打印", "打印任务一直排队打印不了", "can't print"],
    ["VPN连不上", "VPN无法连接", "vpn 连接失败", "VPN connection failed", "在家连不上VPN"],
    ["无线网连不上", "WiFi连接不上", "笔记本连不上无线网络", "wifi not connecting"],
    ["邮箱密码忘记了", "忘记邮箱密码", "邮箱密码重置", "reset email password"],
    ["电脑开机密码忘了", "忘记开机密码", "Windows登录密码忘记"],
    ["账号被锁定", "域账号锁定了", "账户被锁住", "account locked out"],
    ["Outlook收不到邮件", "outlook 收不到新邮件", "邮件接收不了", "Outlook not receiving email"],
    ["Outlook发不出邮件", "邮件发送失败", "outlook发不了邮件"],
    ["会议室投影没信号", "会议室A投影仪无信号", "投影仪投不上", "projector no signal"],
    ["会议室麦克风没声音", "会议室话筒没声音", "meeting room mic not working"],
    ["电脑蓝屏", "电脑蓝屏死机", "开机蓝屏0x0000007E", "BSOD after update"],
    ["电脑很慢", "电脑特别慢", "电脑运行缓慢", "laptop very slow"],
    ["CRM登录失败", "crm 登录失败了", "CRM登不上", "cannot log in to CRM"],
    ["ERP登录失败", "ERP系统登不进去", "erp login failed"],
    [
        "共享文件夹没有权限",
        "共享盘访问被拒绝",
        "无法访问财务共享文件夹",
        "shared folder access denied",
    ],
    ["新员工开通邮箱", "新入职员工申请邮箱账号", "new hire email account"],
    ["离职员工停用邮箱", "离职人员邮箱关闭", "disable leaver mailbox"],
    ["Excel打开很慢", "Excel文件打开特别慢", "excel slow to open"],
    ["Excel打不开", "Excel文件无法打开", "excel won't open file"],
    ["显示器不亮", "显示器黑屏", "monitor no display"],
    # Long titles with who, where and why it matters, beside short ones.
    ["财务部报销系统打不开", "报销系统网页打不开，月底要交报销单，很急", "报销系统无法访问"],
    ["二楼网络断了", "二楼整层都没网，所有电脑上不了网", "2F network down", "二楼断网"],
    ["王总的iPhone收不到公司邮件", "手机收不到公司邮件", "手机邮箱不同步"],
    ["视频会议听不到对方声音", "Teams开会时听不到对方说话，耳机正常", "会议听不到声音"],
    ["U盘识别不了", "插上U盘电脑没反应，换了几个口都不行", "U盘读不出来"],
    ["C盘空间不足", "C盘满了，电脑提示磁盘空间不足，无法保存文件", "C drive full"],
    ["打印机扫描到邮箱失败", "复印机扫描发邮件发不出去，提示SMTP错误", "扫描发送邮件失败"],
    ["电话分机无法转接", "前台电话转接到分机就断线", "电话转接失败"],
]
