<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>KpiTable</name>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;Review report…</source>
        <translation>复盘报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Problem record of selected tickets…</source>
        <translation>用所选工单建问题记录…</translation>
    </message>
    <message>
        <source>Problem record</source>
        <translation>问题记录</translation>
    </message>
    <message>
        <source>Select one or more tickets first.</source>
        <translation>请先在队列中选择一张或多张工单。</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Any range</source>
        <translation>自定义区间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计期</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>ProblemActionsTable</name>
    <message>
        <source>What</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due (YYYY-MM-DD)</source>
        <translation>期限（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>检查结果</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>Problem record</source>
        <translation>问题记录</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>为什么？</translation>
    </message>
    <message>
        <source>Because…</source>
        <translation>因为……</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Root cause: 5 Whys</source>
        <translation>根因分析：5 个为什么</translation>
    </message>
    <message>
        <source>Another why</source>
        <translation>再问一个为什么</translation>
    </message>
    <message>
        <source>Workaround</source>
        <translation>临时解决办法</translation>
    </message>
    <message>
        <source>Permanent fix</source>
        <translation>永久解决方案</translation>
    </message>
    <message>
        <source>Improvement actions (plan → doing → checking → done)</source>
        <translation>改进措施（计划 → 执行 → 检查 → 完成）</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>添加措施</translation>
    </message>
    <message>
        <source>Remove action</source>
        <translation>删除措施</translation>
    </message>
    <message>
        <source>Check: did alike tickets go down?</source>
        <translation>检查：同类工单是否减少？</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Tickets of this problem</source>
        <translation>本问题的工单</translation>
    </message>
    <message>
        <source>Alike tickets not yet grouped</source>
        <translation>尚未归入的同类工单</translation>
    </message>
    <message>
        <source>Group the selected</source>
        <translation>归入所选工单</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <source>(not found yet)</source>
        <translation>（尚未找到）</translation>
    </message>
    <message>
        <source>Root cause: {cause}</source>
        <translation>根因：{cause}</translation>
    </message>
    <message>
        <source>A due date is written YYYY-MM-DD.</source>
        <translation>期限请按 YYYY-MM-DD 填写。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved {number}</source>
        <translation>已保存 {number}</translation>
    </message>
    <message>
        <source>Grouped when saved.</source>
        <translation>保存时归入。</translation>
    </message>
    <message>
        <source>{days} days before {day}: {before}; after: {after}</source>
        <translation>{day} 之前 {days} 天：{before} 张；之后：{after} 张</translation>
    </message>
</context>
<context>
    <name>ReviewReportDialog</name>
    <message>
        <source>Review report</source>
        <translation>复盘报告</translation>
    </message>
    <message>
        <source>Top recurring problems</source>
        <translation>高频问题</translation>
    </message>
    <message>
        <source>Titles grouped as this problem:</source>
        <translation>归为此问题的标题：</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 个</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>Problem record…</source>
        <translation>问题记录…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Export xlsx…</source>
        <translation>导出 xlsx…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Computing the review report…</source>
        <translation>正在计算复盘报告…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export xlsx</source>
        <translation>导出 xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>{first} – {last}: {received} received, {resolved} resolved; open problem records: {problems}, actions due: {due}</source>
        <translation>{first} – {last}：受理 {received}，解决 {resolved}；未结问题 {problems} 个，到期措施 {due} 项</translation>
    </message>
</context>
</TS>
