<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>IntakeProblemMatch</name>
        <message>
            <source>Link to open problem record %1 “%2”</source>
            <translation>关联到未关闭的问题记录 %1“%2”</translation>
        </message>
        <message>
            <source>(and %1 more alike)</source>
            <translation>（另有 %1 条相似）</translation>
        </message>
        <message>
            <source>This ticket looks like a known problem; tick to group it there</source>
            <translation>此工单与已知问题相似；勾选后保存时归入该问题记录</translation>
        </message>
    </context>
    <context>
        <name>TicketProblemStrip</name>
        <message>
            <source>Problem record</source>
            <translation>问题记录</translation>
        </message>
        <message>
            <source>Alike open problem record: %1 %2</source>
            <translation>相似的未关闭问题记录：%1 %2</translation>
        </message>
        <message>
            <source>Link to %1</source>
            <translation>关联到 %1</translation>
        </message>
    </context>
</TS>
