<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AccountActions</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_actions.py" line="35" />
            <source>Sign ou&amp;t</source>
            <translation>退出登录(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_actions.py" line="37" />
            <source>Change pass&amp;word…</source>
            <translation>修改密码(&amp;W)…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_actions.py" line="40" />
            <source>Staff and a&amp;ccounts…</source>
            <translation>人员与账号(&amp;C)…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_actions.py" line="42" />
            <source>A&amp;udit trail…</source>
            <translation>审计记录(&amp;U)…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_actions.py" line="97" />
            <source>Password changed.</source>
            <translation>密码已修改。</translation>
        </message>
    </context>
    <context>
        <name>AccountFormDialog</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="76" />
            <source>Name:</source>
            <translation>姓名：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="77" />
            <source>Role:</source>
            <translation>角色：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="78" />
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="79" />
            <source>Repeat:</source>
            <translation>再次输入：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="91" />
            <source>Create the first administrator</source>
            <translation>创建第一个管理员</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="92" />
            <source>Add an account</source>
            <translation>新增账号</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="93" />
            <source>Reset password</source>
            <translation>重置密码</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="96" />
            <source>The first account is an administrator's. Once it exists, everyone signs in with a password (an administrator can turn this off under Staff and accounts).</source>
            <translation>第一个账号是管理员账号。创建后，所有人都须用密码登录（管理员可在“人员与账号”中关闭此要求）。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="100" />
            <source>The new person chooses their own password at the first sign-in.</source>
            <translation>新成员首次登录时须设置自己的密码。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="125" />
            <source>The two passwords differ.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/account_form_dialog.py" line="101" />
            <source>Give {name} a temporary password; they choose their own at the next sign-in.</source>
            <translation>为 {name} 设置临时密码；其下次登录时须改为自己的密码。</translation>
        </message>
    </context>
    <context>
        <name>Accounts</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="34" />
            <source>On a shared database file, anyone who can open the file can change any row with other tools: roles here are guardrails and a record of who did what. The real boundary is the share's folder permissions (only the Desk users' group may modify the folder). On PostgreSQL the server enforces the roles.</source>
            <translation>在共享数据库文件上，任何能打开该文件的人都可以用其他工具修改任意数据：这里的角色只是防护栏和操作记录。真正的边界是共享文件夹的权限（只允许 Desk 用户组修改该文件夹）。使用 PostgreSQL 时，角色由服务器强制执行。</translation>
        </message>
    </context>
    <context>
        <name>AttachmentPanel</name>
        <message>
            <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="57" />
            <source>Delete…</source>
            <translation>删除…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="167" />
            <source>Delete attachment</source>
            <translation>删除附件</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/worksheet/form_attachment_panel.py" line="168" />
            <source>Delete {name}? The handling log and the audit trail will say who did.</source>
            <translation>删除 {name}？处理记录和审计记录将记下删除人。</translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="36" />
            <source>Audit trail</source>
            <translation>审计记录</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="40" />
            <source>Desk user or Windows account</source>
            <translation>Desk 用户或 Windows 账户</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="43" />
            <source>All actions</source>
            <translation>全部操作</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="46" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="49" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="104" />
            <source>Export the audit trail</source>
            <translation>导出审计记录</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="104" />
            <source>CSV (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="55" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="55" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="55" />
            <source>Desk user</source>
            <translation>Desk 用户</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="55" />
            <source>Windows account</source>
            <translation>Windows 账户</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="56" />
            <source>Workstation</source>
            <translation>工作站</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="56" />
            <source>Target</source>
            <translation>对象</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="56" />
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/audit_dialog.py" line="96" />
            <source>{count} events shown</source>
            <translation>显示 {count} 条记录</translation>
        </message>
    </context>
    <context>
        <name>PasswordCheck</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_check.py" line="44" />
            <source>Checking…</source>
            <translation>正在核对…</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="36" />
            <source>Change password</source>
            <translation>修改密码</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="40" />
            <source>An administrator reset your password: choose your own now.</source>
            <translation>管理员已重置您的密码：请现在设置您自己的密码。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="42" />
            <source>Choose a new password of at least 8 characters.</source>
            <translation>请设置至少 8 个字符的新密码。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="63" />
            <source>Current password:</source>
            <translation>当前密码：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="64" />
            <source>New password:</source>
            <translation>新密码：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="65" />
            <source>Repeat:</source>
            <translation>再次输入：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/password_dialog.py" line="80" />
            <source>The two new passwords differ.</source>
            <translation>两次输入的新密码不一致。</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/sign_in_dialog.py" line="30" />
            <source>Sign in to Desk</source>
            <translation>登录 Desk</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/sign_in_dialog.py" line="36" />
            <source>This office requires staff to sign in. Your name signs every handling-log entry and every line of the audit trail.</source>
            <translation>本办公室要求登录。您的姓名将署在每条处理记录和每条审计记录上。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/sign_in_dialog.py" line="57" />
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/sign_in_dialog.py" line="64" />
            <source>Name:</source>
            <translation>姓名：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/sign_in_dialog.py" line="65" />
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/sign_in_dialog.py" line="81" />
            <source>Windows account: {user} on {pc} (shown as a hint, it is not proof)</source>
            <translation>Windows 账户：{user}，计算机 {pc}（仅供参考，不能证明身份）</translation>
        </message>
    </context>
    <context>
        <name>StaffAccountsDialog</name>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="49" />
            <source>Staff and accounts</source>
            <translation>人员与账号</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="53" />
            <source>Create the first administrator…</source>
            <translation>创建第一个管理员…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="55" />
            <source>Add…</source>
            <translation>新增…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="56" />
            <source>Role…</source>
            <translation>角色…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="57" />
            <source>Reset password…</source>
            <translation>重置密码…</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="58" />
            <source>Disable</source>
            <translation>停用</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="59" />
            <source>Unlock</source>
            <translation>解锁</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="60" />
            <source>Staff must sign in with a password</source>
            <translation>人员须用密码登录</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="110" />
            <source>active</source>
            <translation>正常</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="141" />
            <source>No accounts yet: anyone may work here under a chosen name.</source>
            <translation>尚无账号：任何人都可以选择姓名在此工作。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="173" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="91" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="91" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="112" />
            <source>disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="143" />
            <source>You are an administrator: select an account to change it.</source>
            <translation>您是管理员：选择一个账号进行修改。</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="138" />
            <source>Enable</source>
            <translation>启用</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="173" />
            <source>Role of {name}:</source>
            <translation>{name} 的角色：</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="116" />
            <source>must choose a password</source>
            <translation>须设置新密码</translation>
        </message>
        <message>
            <location filename="../../desk_gui/ui/accounts/staff_accounts_dialog.py" line="114" />
            <source>locked until {time}</source>
            <translation>锁定至 {time}</translation>
        </message>
    </context>
</TS>
