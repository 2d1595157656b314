<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="64" />
            <source>Import spreadsheet</source>
            <translation>导入表格</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="86" />
            <source>No file chosen</source>
            <translation>未选择文件</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="87" />
            <source>Spreadsheet</source>
            <translation>表格文件</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="88" />
            <source>Choose file…</source>
            <translation>选择文件…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="91" />
            <source>Check again</source>
            <translation>重新检查</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="93" />
            <source>Read the file again after changing it</source>
            <translation>修改文件后重新读取</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="96" />
            <source>Spreadsheet:</source>
            <translation>表格文件：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="103" />
            <source>For rows without a category or impact</source>
            <translation>未填写问题类型或影响范围的行</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="108" />
            <source>Category:</source>
            <translation>问题类型：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="109" />
            <source>Impact:</source>
            <translation>影响范围：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="117" />
            <source>Each ticket's log notes the default it got.</source>
            <translation>所用默认值会记入每张工单的处理记录。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="150" />
            <source>Problems found</source>
            <translation>发现的问题</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="173" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="176" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="199" />
            <source>Choose the spreadsheet to import</source>
            <translation>选择要导入的表格</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="201" />
            <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
            <translation>表格文件 (*.xlsx *.csv);;所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="223" />
            <source>Cannot read {name} as a spreadsheet: {reason}</source>
            <translation>无法将 {name} 作为表格读取：{reason}</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="238" />
            <source>Checking {name}…</source>
            <translation>正在检查 {name}…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="286" />
            <source>Cancelled: nothing was imported.</source>
            <translation>已取消：未导入任何内容。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="252" />
            <source>Importing {count} rows…</source>
            <translation>正在导入 {count} 行…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="276" />
            <source>Columns Desk does not know, ignored: {columns}</source>
            <translation>不认识的列（导入时忽略）：{columns}</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="286" />
            <source>Import only the {count} valid rows</source>
            <translation>只导入 {count} 行有效数据</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="299" />
            <source>Choose the old worksheet spreadsheet (.xlsx or .csv) to check it.</source>
            <translation>请选择旧的工作单表格（.xlsx 或 .csv）进行检查。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="301" />
            <source>The sheet lacks required columns; no row can be imported.</source>
            <translation>表格缺少必需的列，无法导入任何行。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="304" />
            <source>Rows read: {total}. Valid: {valid}. With errors: {invalid}. Warnings: {warnings}.</source>
            <translation>共读取 {total} 行：有效 {valid} 行，有错误 {invalid} 行，警告 {warnings} 处。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="310" />
            <source>Rows with errors cannot be imported. Fix them in the spreadsheet and check again, or import only the valid rows.</source>
            <translation>有错误的行不能导入。请在表格中修改后重新检查，或只导入有效行。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="313" />
            <source>Fix the errors in the spreadsheet, then check again.</source>
            <translation>请在表格中修改错误，然后重新检查。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="318" />
            <source>Import finished. Tickets created: {created}. Renumbered: {renumbered}. Rows skipped: {skipped}.</source>
            <translation>导入完成：新建工单 {created} 张，重新编号 {renumbered} 张，跳过 {skipped} 行。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="326" />
            <source>row {row}: {old} → {new}</source>
            <translation>第 {row} 行：{old} → {new}</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_dialog.py" line="332" />
            <source>New numbers: {changes}</source>
            <translation>新编号：{changes}</translation>
        </message>
    </context>
    <context>
        <name>ImportProblemModel</name>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_problem_model.py" line="39" />
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_problem_model.py" line="40" />
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_problem_model.py" line="41" />
            <source>Severity</source>
            <translation>级别</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_problem_model.py" line="42" />
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_problem_model.py" line="116" />
            <source>Warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/exchange/import_problem_model.py" line="117" />
            <source>Error</source>
            <translation>错误</translation>
        </message>
    </context>
    <context>
        <name>MainMenus</name>
        <message>
            <location filename="../../desk_gui/ui/queue/main_menus.py" line="61" />
            <source>&amp;Import spreadsheet…</source>
            <translation>导入表格(&amp;I)…</translation>
        </message>
    </context>
</TS>