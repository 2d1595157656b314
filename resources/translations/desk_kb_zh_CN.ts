<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>KnowledgePanel</name>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="69" />
            <source>Knowledge base (F4)</source>
            <translation>知识库（F4）</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="73" />
            <source>Suggested solutions</source>
            <translation>推荐的解决方案</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="77" />
            <source>Apply (A)</source>
            <translation>应用（A）</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="79" />
            <source>Apply and resolve (R)</source>
            <translation>应用并解决（R）</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="134" />
            <source>May be the same call</source>
            <translation>可能是同一问题</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="135" />
            <source>Articles</source>
            <translation>知识库文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="136" />
            <source>Resolved tickets</source>
            <translation>已解决的工单</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="157" />
            <source>same requester</source>
            <translation>同一提交人</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="157" />
            <source>same department</source>
            <translation>同一部门</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="167" />
            <source>Matching articles and resolved tickets appear here as the title and description are typed. F4 moves here; Enter reads; A applies an article; R applies it and resolves the ticket on this call.</source>
            <translation>输入标题和描述时，这里会显示匹配的知识库文章和已解决的工单。按 F4 进入列表，回车阅读，A 应用文章，R 应用文章并在本次来电中直接解决。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="208" />
            <source>Solution</source>
            <translation>解决方法</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/kb_panel.py" line="158" />
            <source>this may be %1 %2 (%3)</source>
            <translation>可能是 %1 %2（%3）</translation>
        </message>
    </context>
    <context>
        <name>IntakeKnowledge</name>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="79" />
            <source>Possible duplicate</source>
            <translation>可能重复</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="87" />
            <source>Save as a new ticket</source>
            <translation>另存为新工单</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="88" />
            <source>Keep editing</source>
            <translation>继续编辑</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="85" />
            <source>Add to %1</source>
            <translation>追加到 %1</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="52" />
            <source>Applied, resolved on this call: %1</source>
            <translation>已应用并在本次来电解决：%1</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="52" />
            <source>Applied: %1</source>
            <translation>已应用：%1</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/intake/form_kb.py" line="82" />
            <source>This may be %1, still open:

%2

Add this call to it instead?</source>
            <translation>这可能是 %1，仍未关闭：

%2

是否将本次来电追加到该工单，而不新建工单？</translation>
        </message>
    </context>
    <context>
        <name>ArticleEditorDialog</name>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="63" />
            <source>words callers use, error codes, English</source>
            <translation>来电人常说的词、错误代码、英文</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="65" />
            <source>device, system or software version</source>
            <translation>设备型号、操作系统或软件版本</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="70" />
            <source>Title *</source>
            <translation>标题 *</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="71" />
            <source>Category</source>
            <translation>问题类型</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="72" />
            <source>Keywords</source>
            <translation>关键词</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="73" />
            <source>Applies to</source>
            <translation>适用范围</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="74" />
            <source>Symptom</source>
            <translation>现象</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="75" />
            <source>Cause</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="76" />
            <source>Solution *</source>
            <translation>解决方法 *</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="82" />
            <source>Reload their version</source>
            <translation>载入对方保存的版本</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="51" />
            <source>New article</source>
            <translation>新建文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_editor.py" line="49" />
            <source>Edit article KB%1</source>
            <translation>编辑文章 KB%1</translation>
        </message>
    </context>
    <context>
        <name>ArticleTableModel</name>
        <message>
            <location filename="../../desk_gui/ui/kb/article_model.py" line="35" />
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_model.py" line="36" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_model.py" line="37" />
            <source>Category</source>
            <translation>问题类型</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_model.py" line="38" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_model.py" line="39" />
            <source>Updated</source>
            <translation>更新时间</translation>
        </message>
    </context>
    <context>
        <name>ArticleView</name>
        <message>
            <location filename="../../desk_gui/ui/kb/article_view.py" line="18" />
            <source>Linked tickets</source>
            <translation>关联工单</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_view.py" line="12" />
            <source>Symptom</source>
            <translation>现象</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_view.py" line="13" />
            <source>Cause</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_view.py" line="14" />
            <source>Solution</source>
            <translation>解决方法</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_view.py" line="15" />
            <source>Keywords</source>
            <translation>关键词</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/article_view.py" line="16" />
            <source>Applies to</source>
            <translation>适用范围</translation>
        </message>
    </context>
    <context>
        <name>KnowledgeBaseWindow</name>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="50" />
            <source>Knowledge base</source>
            <translation>知识库</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="67" />
            <source>Search: words, error codes, pinyin initials (dyj)</source>
            <translation>搜索：关键词、错误代码、拼音首字母（如 dyj）</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="72" />
            <source>All categories</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="77" />
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="223" />
            <source>Save article as PDF</source>
            <translation>将文章保存为 PDF</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="230" />
            <source>Export articles</source>
            <translation>导出文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="230" />
            <source>Spreadsheet (*.xlsx *.csv)</source>
            <translation>表格文件 (*.xlsx *.csv)</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="244" />
            <source>Import articles</source>
            <translation>导入文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="115" />
            <source>New…</source>
            <translation>新建…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="116" />
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="117" />
            <source>Publish</source>
            <translation>发布</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="118" />
            <source>Retire</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="119" />
            <source>Print…</source>
            <translation>打印…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="120" />
            <source>Save as PDF…</source>
            <translation>保存为 PDF…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="121" />
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="122" />
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="254" />
            <source>Nothing was imported</source>
            <translation>未导入任何文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="154" />
            <source>%1 article(s)</source>
            <translation>共 %1 篇文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="240" />
            <source>Exported %1 article(s)</source>
            <translation>已导出 %1 篇文章</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/kb_window.py" line="261" />
            <source>Imported %1 article(s)</source>
            <translation>已导入 %1 篇文章</translation>
        </message>
    </context>
    <context>
        <name>TicketKnowledgeStrip</name>
        <message>
            <location filename="../../desk_gui/ui/kb/ticket_knowledge.py" line="36" />
            <source>Archive to knowledge base…</source>
            <translation>归档至知识库…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/ticket_knowledge.py" line="53" />
            <source>archived</source>
            <translation>由此归档</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/ticket_knowledge.py" line="53" />
            <source>applied</source>
            <translation>已应用</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/ticket_knowledge.py" line="78" />
            <source>Knowledge base</source>
            <translation>知识库</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/kb/ticket_knowledge.py" line="60" />
            <source>Linked tickets</source>
            <translation>关联工单</translation>
        </message>
    </context>
    <context>
        <name>MainMenus</name>
        <message>
            <location filename="../../desk_gui/ui/queue/main_menus.py" line="76" />
            <source>&amp;Knowledge base…</source>
            <translation>知识库(&amp;K)…</translation>
        </message>
    </context>
</TS>
