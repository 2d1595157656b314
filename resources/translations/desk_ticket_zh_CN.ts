<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_base.py" line="121" />
        <source>Enter the text.</source>
        <translation>请填写内容。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_assign.py" line="45" />
        <source>Assign</source>
        <translation>指派</translation>
    </message>
</context>
<context>
    <name>AttachmentListWidget</name>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="56" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="58" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="60" />
        <source>Paste screenshot</source>
        <translation>粘贴截图</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="62" />
        <source>Paste an image from the clipboard (Ctrl+V)</source>
        <translation>粘贴剪贴板中的图片（Ctrl+V）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="63" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="102" />
        <source>%1 is %2; attachments may be at most %3.</source>
        <translation>%1 为 %2，附件最大 %3。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="126" />
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="146" />
        <source>The clipboard holds no picture or file to paste.</source>
        <translation>剪贴板中没有可粘贴的图片或文件。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="152" />
        <source>Add screenshots or log files</source>
        <translation>添加截图或日志文件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_attachments.py" line="155" />
        <source>Screenshots and logs (*.png *.jpg *.jpeg *.bmp *.gif *.log *.txt *.zip);;All files (*)</source>
        <translation>截图和日志 (*.png *.jpg *.jpeg *.bmp *.gif *.log *.txt *.zip);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="48" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="50" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="52" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="54" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="84" />
        <source>No attachments</source>
        <translation>无附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="105" />
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="126" />
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="140" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="150" />
        <source>Add screenshots or log files</source>
        <translation>添加截图或日志文件</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_conflict.py" line="87" />
        <source>Reload (drop my edits)</source>
        <translation>重新载入（放弃我的修改）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_conflict.py" line="89" />
        <source>Apply my edits to the new version</source>
        <translation>在新版本上应用我的修改</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_conflict.py" line="113" />
        <source>Ticket %1 was changed by %2 at %3 while you were editing. Nothing was saved.</source>
        <translation>在您编辑期间，工单 %1 已被 %2 于 %3 修改。您的修改尚未保存。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_conflict.py" line="121" />
        <source>(you changed this too)</source>
        <translation>（您也修改了此项）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_conflict.py" line="124" />
        <source>New log entry: %1</source>
        <translation>新的处理记录：%1</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_conflict.py" line="126" />
        <source>No field you can see changed (another action was recorded).</source>
        <translation>可见字段没有变化（对方记录了其他操作）。</translation>
    </message>
</context>
<context>
    <name>DescriptionHelper</name>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="174" />
        <source>Insert prompts</source>
        <translation>插入提示</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="176" />
        <source>Symptom, impact, time of occurrence, steps already tried</source>
        <translation>现象、影响范围、发生时间、已尝试的操作</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="182" />
        <source>Symptom: </source>
        <translation>现象：</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="183" />
        <source>Impact: </source>
        <translation>影响范围：</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="184" />
        <source>Since: </source>
        <translation>发生时间：</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="185" />
        <source>Already tried: </source>
        <translation>已尝试：</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="189" />
        <source>What happens (the exact error message), who is affected, since when, and what was already tried</source>
        <translation>现象（准确的报错提示）、影响范围、发生时间、已尝试的操作</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="20" />
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="29" />
        <source>e.g. not solved within 30 minutes; core business</source>
        <translation>例如：30分钟内未解决；涉及核心业务</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="35" />
        <source>Background and the steps already tried, so nobody asks the requester again</source>
        <translation>背景和已尝试的步骤，免得再次询问提交人</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="37" />
        <source>— nobody yet —</source>
        <translation>— 暂不指定 —</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="40" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="41" />
        <source>Handover summary</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_escalate.py" line="44" />
        <source>The ticket is already at the highest tier.</source>
        <translation>该问题已在最高层级。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="28" />
        <source>Record feedback</source>
        <translation>登记反馈</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="47" />
        <source>— not given —</source>
        <translation>— 未评价 —</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="51" />
        <source>— no score —</source>
        <translation>— 未打分 —</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="55" />
        <source>Resolved?</source>
        <translation>是否解决</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="56" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="57" />
        <source>Score (1–5)</source>
        <translation>评分（1–5）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="58" />
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_feedback.py" line="60" />
        <source>A score gives the rating: 5–4 satisfied, 3 fairly, 2–1 dissatisfied. A rating and a score must agree.</source>
        <translation>评分对应满意度：5–4 满意，3 基本满意，2–1 不满意。满意度与评分须一致。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_follow_up.py" line="20" />
        <source>Follow up</source>
        <translation>登记跟进工单</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_follow_up.py" line="28" />
        <source>What happens now: symptom, who is affected, since when, what was tried</source>
        <translation>现在的情况：现象、影响范围、发生时间、已尝试的操作</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_follow_up.py" line="36" />
        <source>A new ticket linked to %1. Copied from it: %2.</source>
        <translation>新工单将关联到 %1，并沿用其：%2。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_follow_up.py" line="52" />
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <location filename="../../desk_gui/ui/common/form_fields.py" line="97" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>HandlingLogModel</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_log.py" line="51" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_log.py" line="51" />
        <source>Author</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_log.py" line="51" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_log.py" line="51" />
        <source>Entry</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>KnownValueSuggestion</name>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="115" />
        <source>Use “%1” (known for %2)</source>
        <translation>改用“%1”（%2 上次登记）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_suggestions.py" line="118" />
        <source>The field keeps what you typed unless you click here</source>
        <translation>不点击则保留您填写的内容</translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_lock_banner.py" line="29" />
        <source>Being edited by %1 (%2) until %3 at the latest. Until then nobody else can change this ticket: no edits, status actions, log entries, progress updates or attachments.</source>
        <translation>正在由 %1（%2）编辑，最迟锁定至 %3。在此之前其他人不能更改此工单：不能修改字段、执行状态操作、添加处理记录、进度更新或附件。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_resolve.py" line="19" />
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_resolve.py" line="25" />
        <source>The final fix, so the next person can reuse it</source>
        <translation>最终的解决办法，便于以后参考</translation>
    </message>
</context>
<context>
    <name>TicketLoad</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_load.py" line="72" />
        <source>The database has not answered for %1 seconds (the share may be hanging). The worksheet shows the ticket as last read and is brought up to date as soon as the database answers.</source>
        <translation>数据库已有 %1 秒没有响应（网络共享可能卡住了）。工作表显示的是上次读取的工单，数据库恢复响应后会立即更新。</translation>
    </message>
</context>
<context>
    <name>TicketActionBar</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="48" />
        <source>Take</source>
        <translation>接手</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="49" />
        <source>Assign…</source>
        <translation>指派…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="50" />
        <source>Escalate…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="51" />
        <source>Add log entry…</source>
        <translation>添加记录…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="52" />
        <source>Progress update…</source>
        <translation>同步进度…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="53" />
        <source>Wait…</source>
        <translation>挂起等待…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="54" />
        <source>End wait</source>
        <translation>结束等待</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="55" />
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="56" />
        <source>Record feedback…</source>
        <translation>登记反馈…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="57" />
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="58" />
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="94" />
        <source>Add log entry</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="95" />
        <source>Entry</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="100" />
        <source>Progress update</source>
        <translation>同步进度</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="101" />
        <source>What the requester was told</source>
        <translation>告知提交人的内容</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="106" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="107" />
        <source>Reason for closing</source>
        <translation>关闭原因</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="112" />
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="113" />
        <source>Reason for reopening</source>
        <translation>重新打开的原因</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="128" />
        <source>The requester confirmed the fix; a reason is optional.</source>
        <translation>提交人已确认解决，关闭原因可不填。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="173" />
        <source>Worksheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_actions.py" line="70" />
        <source>Follow up…</source>
        <translation>登记跟进工单…</translation>
    </message>
</context>
<context>
    <name>TicketFieldsWidget</name>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="90" />
        <source>Extension or company IM</source>
        <translation>内线电话或公司即时通讯</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="112" />
        <source>Add screenshots or log files</source>
        <translation>添加截图或日志文件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="114" />
        <source>Paste an image from the clipboard</source>
        <translation>粘贴剪贴板中的图片</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="118" />
        <source>Remove the selected attachment (Del in the list)</source>
        <translation>移除选中的附件（在列表中按 Del）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="133" />
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="166" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="179" />
        <source>Device and error (optional)</source>
        <translation>设备与错误信息（选填）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="342" />
        <source>Looks like a personal mobile number; an internal extension or company IM is preferred.</source>
        <translation>像是个人手机号；建议使用内线电话或公司即时通讯。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="383" />
        <source>from impact × urgency</source>
        <translation>由影响范围 × 紧急程度得出</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/form_ticket_fields.py" line="389" />
        <source>respond within %1 · resolve within %2</source>
        <translation>%1内响应 · %2内解决</translation>
    </message>
</context>
<context>
    <name>TicketFormDialog</name>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="45" />
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="46" />
        <source>New ticket</source>
        <translation>新建问题</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="80" />
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="82" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="84" />
        <source>Save the ticket (Ctrl+S)</source>
        <translation>保存问题（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="85" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="88" />
        <source>Close (Esc); asks first if something was typed, and keeps it as a draft</source>
        <translation>关闭（Esc）；已填写内容时会先询问，并保留为草稿</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="90" />
        <source>Fields marked * are required. Typing is saved as a local draft.</source>
        <translation>带 * 的为必填项。填写内容会自动保存为本机草稿。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="119" />
        <source>The local draft cannot be written: %1</source>
        <translation>无法写入本机草稿：%1</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="157" />
        <source>Personal mobile number</source>
        <translation>个人手机号</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="159" />
        <source>“%1” looks like a personal mobile number; an internal extension or company IM is preferred.

Save the ticket with this number?</source>
        <translation>“%1”像是个人手机号，建议使用内线电话或公司即时通讯。

仍用这个号码保存问题吗？</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="164" />
        <source>Save with this number</source>
        <translation>仍用此号码保存</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="165" />
        <source>Change the contact</source>
        <translation>修改联系方式</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="191" />
        <source>Not saved: %1
Everything you typed is still here and kept in a local draft. Save again when the database can be reached.</source>
        <translation>未保存：%1
已填写的内容都还在，并已保存为本机草稿。数据库恢复可用后请再次保存。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="227" />
        <source>Close without saving?</source>
        <translation>不保存就关闭？</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="229" />
        <source>This ticket is not saved yet.

What you typed stays in a local draft; New ticket offers to restore it.</source>
        <translation>这个问题还没有保存。

已填写的内容会保留为本机草稿，下次新建问题时可以恢复。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="235" />
        <source>Close without saving</source>
        <translation>不保存，关闭</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="237" />
        <source>Keep editing</source>
        <translation>继续填写</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="268" />
        <source>Unsaved ticket</source>
        <translation>未保存的问题</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="272" />
        <source>A ticket typed at %1 was not saved: “%2”. Restore it?</source>
        <translation>%1 填写的问题尚未保存：“%2”。要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="279" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="283" />
        <source>Discard it</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="287" />
        <source>Not now</source>
        <translation>暂不处理</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="310" />
        <source>Attachments not saved</source>
        <translation>附件未保存</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" line="311" />
        <source>Ticket %1 was saved, but these attachments were not:</source>
        <translation>问题 %1 已保存，但以下附件未能保存：</translation>
    </message>
</context>
<context>
    <name>WaitDialog</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="22" />
        <source>Wait</source>
        <translation>挂起等待</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="28" />
        <source>Name and extension of the contact person</source>
        <translation>对接联系人的姓名和电话</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="29" />
        <source>Expected by</source>
        <translation>预计时间</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="44" />
        <source>Waiting on</source>
        <translation>等待对象</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="45" />
        <source>Contact person</source>
        <translation>对接联系人</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="46" />
        <source>Expected date</source>
        <translation>预计日期</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="47" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/action_wait.py" line="48" />
        <source>The deadlines pause while the ticket waits.</source>
        <translation>等待期间期限计时暂停。</translation>
    </message>
</context>
<context>
    <name>WorksheetView</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="99" />
        <source>Reading the ticket…</source>
        <translation>正在读取工单…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="52" />
        <source>Worksheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="105" />
        <source>Classification, deadlines and device</source>
        <translation>分类、期限与设备</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="106" />
        <source>overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="107" />
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="108" />
        <source>expected</source>
        <translation>预计</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="121" />
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="122" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="123" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="130" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="350" />
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="355" />
        <source>Your changes to this ticket are not saved. Close and drop them?</source>
        <translation>您对该问题的修改尚未保存。关闭并放弃修改吗？</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="110" />
        <source>Follow-up of</source>
        <translation>跟进自</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/worksheet_view.py" line="111" />
        <source>Follow-up tickets</source>
        <translation>跟进工单</translation>
    </message>
</context>
</TS>