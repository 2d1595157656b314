<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoundedSave</name>
    <message>
        <location filename="../../desk_gui/ui/common/bounded_save.py" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/bounded_save.py" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>DialogStatus</name>
    <message>
        <location filename="../../desk_gui/ui/common/bounded_save.py" />
        <source>Still saving… the database is answering slowly. Your edits stay in the form.</source>
        <translation>仍在保存…数据库响应缓慢。您填写的内容仍保留在窗口中。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/common/bounded_save.py" />
        <source>The database has not answered for %1 seconds (the share may be hanging), so this may not be saved yet. What you entered is still here. Retry saves it once: if the first attempt got through meanwhile, it is not done twice.</source>
        <translation>数据库已有 %1 秒没有响应（网络共享可能卡住了），此项可能尚未保存。您填写的内容仍在这里。点击“重试”只会保存一次：若第一次尝试在此期间已完成，不会重复执行。</translation>
    </message>
</context>
<context>
    <name>EditLease</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_lock.py" />
        <source>Your edit lock could not be renewed: the database has not answered for %1 seconds (the share may be hanging). Your edits stay in the form; save them when the database answers again.</source>
        <translation>无法续期您的编辑锁：数据库已有 %1 秒没有响应（网络共享可能卡住了）。您的修改仍保留在表单中；待数据库恢复响应后再保存。</translation>
    </message>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_lock.py" />
        <source>Your edit lock could not be renewed: %1 Your edits stay in the form.</source>
        <translation>无法续期您的编辑锁：%1 您的修改仍保留在表单中。</translation>
    </message>
</context>
<context>
    <name>PasswordCheck</name>
    <message>
        <location filename="../../desk_gui/ui/accounts/password_check.py" />
        <source>The database has not answered for %1 seconds (the share may be hanging). Press OK to try again, or Cancel.</source>
        <translation>数据库已有 %1 秒没有响应（网络共享可能卡住了）。请点击“确定”重试，或点击“取消”。</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>IntakeKnowledge</name>
    <message>
        <location filename="../../desk_gui/ui/intake/form_kb.py" />
        <source>The database has not answered (the share may be hanging), so the call may not be added to %1 yet; what you typed stays in the form. Look at %1 before adding it again.</source>
        <translation>数据库没有响应（网络共享可能卡住了），这次来电可能尚未添加到 %1；您输入的内容仍保留在表单中。再次添加前请先查看 %1。</translation>
    </message>
</context>
<context>
    <name>ArticleEditorDialog</name>
    <message>
        <location filename="../../desk_gui/ui/kb/article_editor.py" />
        <source>The database has not answered (the share may be hanging): the article&apos;s edit lock could not be taken, so it opens read-only. Close and open it again to retry.</source>
        <translation>数据库没有响应（网络共享可能卡住了）：无法取得这篇文章的编辑锁，因此以只读方式打开。请关闭后重新打开以重试。</translation>
    </message>
</context>
</TS>
