<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Background</name>
    <message>
      <location filename="../../desk_gui/ui/common/background.py" line="250" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/background.py" line="253" />
      <source>Desk</source>
      <translation>Desk 服务台</translation>
    </message>
  </context>
  <context>
    <name>ErrorDialog</name>
    <message>
      <location filename="../../desk_gui/ui/common/error_dialog.py" line="23" />
      <source>Desk</source>
      <translation>Desk 服务台</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/error_dialog.py" line="33" />
      <source>Desk met an unexpected problem. Your saved work is safe.</source>
      <translation>Desk 遇到意外问题。已保存的数据不受影响。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/error_dialog.py" line="36" />
      <source>Details were written to {path}. Please send this file to your IT contact.</source>
      <translation>详细信息已写入 {path}，请将此文件发给 IT 联系人。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/error_dialog.py" line="39" />
      <source>The details could not be written to a log file.</source>
      <translation>详细信息无法写入日志文件。</translation>
    </message>
  </context>
  <context>
    <name>FilterBar</name>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="49" />
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="50" />
      <source>Search number, title, text… (Ctrl+F)</source>
      <translation>搜索问题编号、标题、内容…（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="58" />
      <source>Open</source>
      <translation>未完成</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="61" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="65" />
      <source>Any priority</source>
      <translation>全部优先级</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="71" />
      <source>Any category</source>
      <translation>全部类型</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="76" />
      <source>Deadline</source>
      <translation>期限</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="77" />
      <source>Any deadline</source>
      <translation>全部期限</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="78" />
      <source>Due soon</source>
      <translation>即将到期</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="79" />
      <source>Overdue</source>
      <translation>已超时</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="81" />
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="82" />
      <source>Only my tickets</source>
      <translation>只看我负责的工单</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="83" />
      <source>Unassigned</source>
      <translation>未指派</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="84" />
      <source>Only unassigned tickets</source>
      <translation>只看未指派的工单</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="87" />
      <source>Filter by submission date</source>
      <translation>按提交时间筛选</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="89" />
      <source>Submitted from</source>
      <translation>提交时间自</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="90" />
      <source>Submitted to</source>
      <translation>提交时间至</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="94" />
      <source>Clear filters</source>
      <translation>清除筛选</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="95" />
      <source>Clear</source>
      <translation>清除</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/filter_bar.py" line="96" />
      <source>Show all open tickets again</source>
      <translation>重新显示全部未完成工单</translation>
    </message>
  </context>
  <context>
    <name>HiddenTicketNotice</name>
    <message>
      <location filename="../../desk_gui/ui/queue/hidden_ticket_notice.py" line="39" />
      <source>Ticket {number} saved; the current filters hide it.</source>
      <translation>工单 {number} 已保存，但当前筛选条件下不显示。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/hidden_ticket_notice.py" line="41" />
      <source>Open {number}</source>
      <translation>打开 {number}</translation>
    </message>
  </context>
  <context>
    <name>Launcher</name>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="105" />
      <source>Desk created a new database on this computer:
{path}

If your office already keeps a shared database (for example on a network share), open it instead so that every workstation sees the same tickets.</source>
      <translation>Desk 已在本机创建新的数据库：
{path}

如果您的办公室已有共享数据库（例如在网络共享上），请改为打开它，使所有工作站看到相同的工单。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="108" />
      <source>Desk opened the existing database on this computer:
{path}

If your office already keeps a shared database (for example on a network share), open it instead so that every workstation sees the same tickets.</source>
      <translation>Desk 已打开本机上现有的数据库：
{path}

如果您的办公室已有共享数据库（例如在网络共享上），请改为打开它，使所有工作站看到相同的工单。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="120" />
      <source>No database there yet: Desk will create a new one.</source>
      <translation>该位置尚无数据库：Desk 将新建一个。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="140" />
      <source>Connected: about {count} tickets.</source>
      <translation>连接成功：约 {count} 个工单。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="149" />
      <location filename="../../desk_gui/ui/app/launcher.py" line="333" />
      <source>Desk</source>
      <translation>Desk 服务台</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="155" />
      <source>Database: {target}</source>
      <translation>数据库：{target}</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="158" />
      <source>Open another file…</source>
      <translation>打开其他文件…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="162" />
      <source>Use a local database</source>
      <translation>使用本机数据库</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="165" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="170" />
      <source>Open a Desk database</source>
      <translation>打开 Desk 数据库</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="172" />
      <location filename="../../desk_gui/ui/app/launcher.py" line="200" />
      <source>Desk database (*.db *.sqlite);;All files (*)</source>
      <translation>Desk 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="183" />
      <source>Welcome to Desk</source>
      <translation>欢迎使用 Desk</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="188" />
      <source>Continue</source>
      <translation>继续</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="191" />
      <source>Open a shared database…</source>
      <translation>打开共享数据库…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/app/launcher.py" line="198" />
      <source>Open a shared Desk database</source>
      <translation>打开共享的 Desk 数据库</translation>
    </message>
  </context>
  <context>
    <name>MainMenus</name>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="157" />
      <source>Reading {count} tickets…</source>
      <translation>正在读取 {count} 个工单…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="46" />
      <source>&amp;New ticket…</source>
      <translation>新建工单(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="49" />
      <source>&amp;Open ticket</source>
      <translation>打开工单(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="52" />
      <source>Print pre&amp;view…</source>
      <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="54" />
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="55" />
      <source>Save as PD&amp;F…</source>
      <translation>另存为 PDF(&amp;F)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="57" />
      <source>&amp;Blank worksheet…</source>
      <translation>空白工作表(&amp;B)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="59" />
      <source>&amp;Export queue…</source>
      <translation>导出队列(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="61" />
      <source>Open &amp;database…</source>
      <translation>打开数据库(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="63" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="64" />
      <source>&amp;Search</source>
      <translation>搜索(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="65" />
      <source>&amp;Refresh</source>
      <translation>刷新(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="66" />
      <source>&amp;Clear filters</source>
      <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="67" />
      <source>Change &amp;operator…</source>
      <translation>更换操作员(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="68" />
      <source>&amp;Settings…</source>
      <translation>设置(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="69" />
      <source>&amp;About Desk</source>
      <translation>关于 Desk(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="70" />
      <source>Log a new ticket (Ctrl+N)</source>
      <translation>登记新工单（Ctrl+N）</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="71" />
      <source>Refresh the queue (F5)</source>
      <translation>刷新队列（F5）</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="75" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="83" />
      <source>&amp;View</source>
      <translation>查看(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="85" />
      <source>&amp;Tools</source>
      <translation>工具(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="87" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="90" />
      <source>Main</source>
      <translation>主工具栏</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="138" />
      <source>Print</source>
      <translation>打印</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="138" />
      <source>Select one or more tickets in the queue first.</source>
      <translation>请先在队列中选择一个或多个工单。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="172" />
      <source>Saved {path}</source>
      <translation>已保存 {path}</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="196" />
      <source>Exported to {path}</source>
      <translation>已导出到 {path}</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="201" />
      <source>Open a Desk database</source>
      <translation>打开 Desk 数据库</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="203" />
      <source>Desk database (*.db *.sqlite);;All files (*)</source>
      <translation>Desk 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="211" />
      <source>About Desk</source>
      <translation>关于 Desk</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_menus.py" line="212" />
      <source>Desk {version}: the service-desk workstation.</source>
      <translation>Desk {version}：IT 服务台工作站。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="315" />
      <source>{count}+ tickets</source>
      <translation>超过 {count} 个工单</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="58" />
      <location filename="../../desk_gui/ui/queue/main_window.py" line="168" />
      <source>Desk</source>
      <translation>Desk 服务台</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="99" />
      <source>Ticket queue</source>
      <translation>工单队列</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="173" />
      <source>Operator: {name}</source>
      <translation>操作员：{name}</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="177" />
      <source>Database: {path}</source>
      <translation>数据库：{path}</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="227" />
      <source>{count} tickets</source>
      <translation>共 {count} 个工单</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="241" />
      <source>Ticket {number} saved.</source>
      <translation>工单 {number} 已保存。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_window.py" line="325" />
      <source>New P1 ticket</source>
      <translation>新的 P1 工单</translation>
    </message>
  </context>
  <context>
    <name>NoticeBanner</name>
    <message>
      <location filename="../../desk_gui/ui/queue/main_notice_banner.py" line="19" />
      <source>New P1 ticket</source>
      <translation>新的 P1 工单</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_notice_banner.py" line="27" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_notice_banner.py" line="29" />
      <source>Dismiss</source>
      <translation>知道了</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_notice_banner.py" line="49" />
      <source>New P1 ticket {number}: {title} ({department})</source>
      <translation>新的 P1 工单 {number}：{title}（{department}）</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/main_notice_banner.py" line="53" />
      <source>{count} new P1 tickets, the latest {number}: {title}</source>
      <translation>{count} 个新的 P1 工单，最新：{number} {title}</translation>
    </message>
  </context>
  <context>
    <name>OperatorDialog</name>
    <message>
      <location filename="../../desk_gui/ui/common/operator_dialog.py" line="25" />
      <source>Who is working here?</source>
      <translation>当前操作员</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/operator_dialog.py" line="30" />
      <source>Choose your name. It is remembered on this workstation and signs every handling-log entry you write.</source>
      <translation>请选择您的姓名。本工作站会记住它，您写入的每条处理过程记录都以此署名。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/operator_dialog.py" line="38" />
      <source>Operator</source>
      <translation>操作员</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/common/operator_dialog.py" line="51" />
      <source>Operator:</source>
      <translation>操作员：</translation>
    </message>
  </context>
  <context>
    <name>PrintActions</name>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="31" />
      <source>Print preview</source>
      <translation>打印预览</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="53" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="55" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="103" />
      <source>Exporting tickets…</source>
      <translation>正在导出工单…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="93" />
      <source>Export the queue</source>
      <translation>导出队列</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="95" />
      <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
      <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="70" />
      <source>Look in:</source>
      <translation>查找范围：</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="70" />
      <source>File name:</source>
      <translation>文件名：</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="70" />
      <source>Save as type:</source>
      <translation>保存类型：</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="70" />
      <source>Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/print_actions.py" line="70" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="61" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="72" />
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="73" />
      <source>Office</source>
      <translation>办公室</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="74" />
      <source>Staff</source>
      <translation>人员</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="75" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="92" />
      <source>Database file</source>
      <translation>数据库文件</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="93" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="95" />
      <source>Test connection</source>
      <translation>测试连接</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="103" />
      <source>A local file, or a shared file on a network path such as \\fileserver\it\desk.db that every desk workstation opens.</source>
      <translation>本机文件，或网络路径上的共享文件（例如 \\fileserver\it\desk.db），所有服务台工作站同时打开。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="113" />
      <source>Database file:</source>
      <translation>数据库文件：</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="129" />
      <source>Mask requester names in the queue, on printouts and in exports</source>
      <translation>在队列、打印和导出中隐藏提交人姓名（脱敏）</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="134" />
      <source>Office name:</source>
      <translation>办公室名称：</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="135" />
      <source>Ticket number prefix:</source>
      <translation>问题编号前缀：</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="137" />
      <source>Office settings are shared by every workstation.</source>
      <translation>办公室设置对所有工作站生效。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="145" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="145" />
      <source>Tier</source>
      <translation>处理层级</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="145" />
      <source>Skills</source>
      <translation>技能</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="145" />
      <source>Active</source>
      <translation>在岗</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="151" />
      <source>Add person</source>
      <translation>添加人员</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="156" />
      <source>Skills: comma-separated categories ({skills}).</source>
      <translation>技能：以逗号分隔的问题类型（{skills}）。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="168" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="177" />
      <source>The window reopens in the chosen language.</source>
      <translation>窗口将以所选语言重新打开。</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="235" />
      <source>Open a Desk database</source>
      <translation>打开 Desk 数据库</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="237" />
      <source>Desk database (*.db *.sqlite);;All files (*)</source>
      <translation>Desk 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
  </context>
  <context>
    <name>TicketTableModel</name>
    <message>
      <location filename="../../desk_gui/ui/queue/queue_columns.py" line="63" />
      <source>Next deadline</source>
      <translation>下一期限</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/queue_columns.py" line="99" />
      <source>{d} d {h} h</source>
      <translation>{d}天{h}小时</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/queue_columns.py" line="101" />
      <source>{h} h {m:02d} min</source>
      <translation>{h}小时{m:02d}分</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/queue_columns.py" line="104" />
      <source>{m} min</source>
      <translation>{m}分钟</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/queue_columns.py" line="113" />
      <source>overdue {t}</source>
      <translation>已超时 {t}</translation>
    </message>
    <message>
      <location filename="../../desk_gui/ui/queue/queue_columns.py" line="116" />
      <source>{t} left</source>
      <translation>剩余 {t}</translation>
    </message>
  </context>
</TS>