<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../desk_gui/ui/settings/settings_dialog.py" line="143" />
            <source>Masking also hides the requester's name and every phone number (all but the last four digits) written in the description, contact, handling log and other text. Turning it off is a supervisor's decision.</source>
            <translation>脱敏同时隐藏问题描述、联系方式、处理过程记录等文字中出现的提交人姓名和所有电话号码（只显示末四位）。关闭脱敏须由主管决定。</translation>
        </message>
    </context>
</TS>
