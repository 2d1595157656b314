<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>TicketFormDialog</name>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" />
        <source>Still saving… the database is answering slowly. Everything you typed is kept in a local draft.</source>
        <translation>仍在保存…数据库响应缓慢。您输入的内容都已保存在本机草稿中。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/intake/ticket_form.py" />
        <source>The database has not answered for %1 seconds (the share may be hanging), so this ticket may not be saved yet. Everything you typed is still here and in a local draft. Retry saves it once: if the first attempt gets through meanwhile, the form closes with that ticket instead of saving a second one.</source>
        <translation>数据库已有 %1 秒没有响应（网络共享可能卡住了），此工单可能尚未保存。您输入的内容仍在这里，也保存在本机草稿中。“重试”只会保存一次：若第一次保存在此期间完成，表单会以那张工单关闭，不会再保存第二张。</translation>
    </message>
</context>
<context>
    <name>SaveStatus</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_save.py" />
        <source>Still saving… the database is answering slowly. Your edits stay in the form.</source>
        <translation>仍在保存…数据库响应缓慢。您的修改仍保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_save.py" />
        <source>The database has not answered for %1 seconds (the share may be hanging), so your edits may not be saved yet; they stay in the form. Save again to retry: if the first attempt got through meanwhile, the worksheet shows it instead of saving twice.</source>
        <translation>数据库已有 %1 秒没有响应（网络共享可能卡住了），您的修改可能尚未保存，仍保留在表单中。再次点击“保存”即可重试：若第一次保存在此期间已完成，工作单会直接显示结果，不会重复保存。</translation>
    </message>
</context>
</TS>
