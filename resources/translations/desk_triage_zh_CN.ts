<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_assign.py" line="51" />
        <source>Suggested</source>
        <translation>推荐人选</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_assign.py" line="54" />
        <source>Ranked by matching skills, then by open tickets weighted by priority (P1 = 4, P2 = 3, P3 = 2, P4 = 1).</source>
        <translation>排序：先看技能是否匹配，再看按优先级加权的未结工单量（P1 = 4，P2 = 3，P3 = 2，P4 = 1）。</translation>
    </message>
</context>
<context>
    <name>DateListEditor</name>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="162" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="164" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="45" />
        <source>Suggested</source>
        <translation>推荐人选</translation>
    </message>
    </context>
<context>
    <name>MatrixEditor</name>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="37" />
        <source>Impact \ urgency</source>
        <translation>影响范围 \ 紧急程度</translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="235" />
        <source>and {count} more reminders</source>
        <translation>另有 {count} 条提醒</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="240" />
        <source>Desk reminder</source>
        <translation>Desk 提醒</translation>
    </message>
</context>
<context>
    <name>ReminderPanel</name>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="48" />
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="55" />
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="130" />
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="57" />
        <source>Due</source>
        <translation>到期事项</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="57" />
        <source>When</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="66" />
        <source>Nothing due.</source>
        <translation>暂无到期事项。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="68" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="70" />
        <source>Done</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="72" />
        <source>Acknowledge: this reminder does not come back</source>
        <translation>确认：此提醒不再出现</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="75" />
        <source>Snooze</source>
        <translation>稍后提醒</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="79" />
        <source>15 minutes</source>
        <translation>15 分钟后</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="80" />
        <source>1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="81" />
        <source>Until tomorrow</source>
        <translation>明天上班时</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminder_panel.py" line="130" />
        <source>Reminders ({count})</source>
        <translation>提醒（{count}）</translation>
    </message>
</context>
<context>
    <name>ReminderToast</name>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="159" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="161" />
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="34" />
        <source>First response due</source>
        <translation>首次响应到期</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="35" />
        <source>Progress update due</source>
        <translation>进度同步到期</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="36" />
        <source>Resolution due</source>
        <translation>解决期限到期</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="37" />
        <source>30 minutes at L1: escalate?</source>
        <translation>一线处理已满 30 分钟：是否升级？</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/reminders/reminders.py" line="50" />
        <source>(overdue)</source>
        <translation>（已超期）</translation>
    </message>
</context>
<context>
    <name>SlaSettingsDialog</name>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="61" />
        <source>Deadlines and business hours</source>
        <translation>处理时限与工作时间</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="69" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="70" />
        <source>Targets</source>
        <translation>时限目标</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="71" />
        <source>Business hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="72" />
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="85" />
        <source>Restore defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="103" />
        <source>Impact × urgency gives the priority of a new ticket.</source>
        <translation>新工单的优先级由影响范围 × 紧急程度确定。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="118" />
        <source>Opens at</source>
        <translation>上班时间</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="119" />
        <source>Closes at</source>
        <translation>下班时间</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="124" />
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="125" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="126" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="127" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="128" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="129" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="130" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="138" />
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="149" />
        <source>Public holidays of</source>
        <translation>公共假日所属地区</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="159" />
        <source>Our own closures</source>
        <translation>本单位自定休息日</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="160" />
        <source>Extra working days (调休)</source>
        <translation>额外工作日（调休）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="219" />
        <source>Opening must be before closing, and at least one day must be a workday.</source>
        <translation>上班时间须早于下班时间，且至少要有一个工作日。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/sla_settings_dialog.py" line="240" />
        <source>{year}: {count} public holidays and {shifted} adjusted working days, from the maintained holiday library.</source>
        <translation>{year} 年：{count} 天公共假日、{shifted} 天调休上班，数据来自持续维护的节假日库。</translation>
    </message>
</context>
<context>
    <name>SuggestionList</name>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="23" />
        <source>Suggested assignees</source>
        <translation>推荐负责人</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="43" />
        <source>skills match</source>
        <translation>技能匹配</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="43" />
        <source>other skills</source>
        <translation>技能不符</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="44" />
        <source>{name} — {skills}, open load {load}</source>
        <translation>{name} — {skills}，未结负荷 {load}</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="51" />
        <source>No staff at this tier</source>
        <translation>该层级暂无人员</translation>
    </message>
</context>
<context>
    <name>TargetsEditor</name>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="78" />
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="79" />
        <source>Respond within</source>
        <translation>响应时限</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="80" />
        <source>Resolve within</source>
        <translation>解决时限</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="81" />
        <source>Update every</source>
        <translation>进度同步间隔</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="82" />
        <source>Updates owed after</source>
        <translation>开始同步进度（受理后）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="83" />
        <source>Around the clock</source>
        <translation>7×24 小时计时</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="87" />
        <source> business days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/settings/form_sla_targets.py" line="87" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
</context>
<context>
    <name>MainTriage</name>
    <message>
        <source>&amp;Overdue or unassigned</source>
        <translation>超时或未指派(&amp;O)</translation>
    </message>
    <message>
        <source>Every open ticket past a deadline or assigned to nobody</source>
        <translation>所有已超过期限或尚未指派负责人的未完成工单</translation>
    </message>
    <message>
        <source>&amp;Deadlines and calendar…</source>
        <translation>期限与工作日历(&amp;D)…</translation>
    </message>
</context>
</TS>