"""Second held-out set of problem titles: 30 office problems, each titled 3-6 ways.

Written by a helper session acting as the human judge, blind to the code under evaluation
and to the other title sets (no file under desk_gui/ or tests/ was opened). Each group is
one underlying problem in one office week, titled as different desk agents would type it
in a hurry: colloquial or formal, with or without a place or person, mixed English,
full-width characters and a few one-character typos. Every title is at most 20 characters.
Several groups are deliberate hard negatives: they share a device or system word with
another group but name a different problem (e.g. 考勤机 punching vs 考勤机 clock wrong,
门禁 reader dead vs 门禁卡 lost, UPS beeping vs server not up after a power cut).
"""

GROUPS: list[list[str]] = [
    # 1. Time clock will not register punches.
    [
        "考勤机打不了卡",
        "前台考勤机刷脸没反应",
        "考勤机大不了卡了",
        "指纹打卡一直失败",
        "clock-in fails",
    ],
    # 2. Time clock shows the wrong time (hard negative of 1 and 27).
    [
        "考勤机时间不对",
        "考勤机时间慢了十分钟",
        "打卡时间跟实际对不上",
        "clock-in time wrong",
    ],
    # 3. Door access reader does not react to cards.
    [
        "门禁坏了",
        "门禁刷卡没反应！",
        "三楼门禁刷不开",
        "刷卡进不了门",
        "door reader dead",
    ],
    # 4. Access card lost, needs a replacement (hard negative of 3).
    [
        "门禁卡丢了",
        "补办门禁卡",
        "财务小王门禁卡丢失",
        "门禁卡掉了要补一张",
    ],
    # 5. DingTalk login fails.
    [
        "钉钉登录不了",
        "钉钉登不上去了",
        "钉钉登陆失败",
        "钉钉扫码登录一直失败",
        "DingTalk login fail",
    ],
    # 6. DingTalk messages / notifications not arriving (hard negative of 5).
    [
        "钉钉消息收不到",
        "钉钉没有消息提醒",
        "钉钉通知不弹了",
        "钉钉群消息延迟很久",
        "DingTalk no alerts",
    ],
    # 7. Tax control disk not recognised by the invoicing software.
    [
        "税控盘识别不了",
        "开票软件读不到税控盘",
        "税空盘插上没反应",
        "财务税控盘又认不出",
        "金税盘连接失败",
    ],
    # 8. Invoice printout misaligned (hard negative of 7).
    [
        "发票打印错位",
        "发票打歪了",
        "开票打印位置不对",
        "发票套打对不齐",
        "invoice print offset",
    ],
    # 9. UPS in the server room keeps beeping.
    [
        "机房UPS报警",
        "UPS一直在叫",
        "ＵＰＳ滴滴响个不停",
        "机房有设备在哔哔响",
        "UPS beeping",
    ],
    # 10. Server did not come back after a power cut (hard negative of 9).
    [
        "停电后服务器没起来",
        "UPS断电后服务器没启动",
        "来电后服务器开不了机",
        "停电后server没起来",
    ],
    # 11. Warehouse label printer prints blank labels.
    [
        "仓库标签打印机打空白",
        "标签机打出来是空白",
        "条码标签打印没字",
        "仓库贴标机打不出字",
        "label printer blank",
    ],
    # 12. Barcode scanner does not read (hard negative of 11).
    [
        "扫码枪扫不出来",
        "扫描枪没反应",
        "仓库扫码枪读不了条码",
        "扫枪扫了没数字",
        "scanner not reading",
    ],
    # 13. Cash register / POS freezes.
    [
        "收银机卡死了",
        "前台POS机死机",
        "收银系统卡住不动",
        "POS frozen again",
        "收银机又卡了",
    ],
    # 14. POS receipt printer prints nothing (hard negative of 13).
    [
        "收银小票打不出来",
        "POS不出小票",
        "小票机没反应",
        "receipt not printing",
    ],
    # 15. OneDrive / company cloud drive stops syncing.
    [
        "OneDrive不同步了",
        "网盘文件同步不上",
        "企业网盘一直显示同步中",
        "OneDrive sync stuck",
        "同步盘文件没更新",
    ],
    # 16. Shared drive is slow.
    [
        "共享盘很慢",
        "打开共享文件夹好慢",
        "Z盘卡得要命",
        "共想盘拷文件特别慢",
        "shared drive slow",
    ],
    # 17. NAS is full (hard negative of 16).
    [
        "NAS满了？",
        "NAS空间不足",
        "共享盘提示空间不足",
        "存不了文件说磁盘已满",
        "NAS disk full",
    ],
    # 18. Meeting-room wireless screen mirroring box fails.
    [
        "会议室投不了屏",
        "投屏器连不上",
        "二楼会议室无线投屏失败",
        "投屏盒子没信号",
        "大会议室投屏黑屏",
        "screen cast not work",
    ],
    # 19. Zoom licence expired, meetings cut at 40 minutes.
    [
        "Zoom许可证过期",
        "Zoom license expired",
        "Zoom开会40分钟就断",
        "Zoom账号变成免费版了",
        "Ｚｏｏｍ授权到期",
    ],
    # 20. Headset microphone not picking up voice.
    [
        "耳麦说话对方听不到",
        "耳机麦克风没声音",
        "客服耳麦话筒坏了",
        "headset mic dead",
    ],
    # 21. Webcam not working (hard negative of 20: both "开会" devices).
    [
        "摄像头打不开",
        "开会时摄像头黑屏",
        "笔记本摄象头用不了",
        "webcam not detected",
        "摄像头识别不到",
    ],
    # 22. Docking station gives no external display.
    [
        "扩展坞接显示器不亮",
        "拓展坞没反应",
        "dock no display",
        "插上坞外接屏黑屏",
        "扩展坞外屏不显示",
    ],
    # 23. AutoCAD licence expired (hard negative of 19).
    [
        "CAD许可到期",
        "AutoCAD提示授权过期",
        "设计部CAD授权过期",
        "CAD license expired",
        "CAD激活码失效了",
    ],
    # 24. Antivirus blocks the 用友 finance software.
    [
        "杀毒软件拦截用友",
        "用友被360误删了",
        "打开用友被杀软拦截",
        "AV blocks 用友",
        "用友报病毒打不开",
    ],
    # 25. Browser certificate warning on the intranet / OA.
    [
        "内网提示证书不安全",
        "OA打开显示不安全",
        "浏览器报证书错误",
        "intranet cert error",
        "OA网站证书过期了",
    ],
    # 26. Windows not activated.
    [
        "Windows未激活",
        "电脑右下角提示激活",
        "桌面显示激活Windows",
        "Win not activated",
        "新电脑win没激活",
    ],
    # 27. PC clock out of sync (hard negative of 2 and 26).
    [
        "电脑时间不准",
        "电脑时间慢了5分钟",
        "系统时间不同步",
        "PC clock out of sync",
        "右下角时间不对",
    ],
    # 28. Keyboard key stuck.
    [
        "键盘按键卡住",
        "键盘有个键一直按着",
        "键盘连续打同一个字母",
        "keyboard key stuck",
        "前台键盘回车键卡了",
    ],
    # 29. Guest Wi-Fi password requested / changed.
    [
        "访客WiFi密码多少",
        "Guest WiFi密码",
        "访客WIFI密码改了吗",
        "客户问无线密码",
        "ＷｉＦｉ访客密码",
    ],
    # 30. Calendar meeting invite not showing (hard negative of 19/18: "会议").
    [
        "会议邀请没显示",
        "日历看不到会议邀请",
        "Outlook日历不显示邀请",
        "invite not showing",
        "收到邀请日历里没有",
    ],
]
