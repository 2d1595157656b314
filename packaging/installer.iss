; Inno Setup 6 script for Desk: a per-user install of the PyInstaller bundle (dist\desk).
;
; Built by packaging/build.py on Windows, which passes the version from desk_gui/__init__.py:
;   ISCC /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 /DSourceDir=..\dist\desk /O..\dist installer.iss
; Compiling by hand without those /D options uses the defaults below (a local test build only).
;
; - No admin rights by default (PrivilegesRequired=lowest: %LOCALAPPDATA%\Programs\Desk); the
;   wizard offers "install for all users" (Program Files, needs admin) in its first dialog.
; - The AppId never changes: a newer setup upgrades the installed copy in place.
; - The uninstaller removes the program only. The database is not in the program folder (it is
;   %LOCALAPPDATA%\Desk\desk.db, or a shared file), so it is kept; the uninstaller says where.

#ifndef AppVersion
  #define AppVersion "0.0.0-dev"
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\desk"
#endif
#define AppName "Desk"
#define AppExe "desk.exe"
#define AppIcon "..\resources\icons\desk.ico"

[Setup]
; Never change this id: it is how a newer setup finds the installed Desk to upgrade it.
AppId={{FCBF499C-2CCF-4475-9453-64A2A6282446}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
VersionInfoDescription={#AppName} Setup
; Per-user by default; the override dialog lets an administrator install for all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsedUserAreasWarning=no
; Per user: %LOCALAPPDATA%\Programs\Desk; for all users: Program Files\Desk. The same folders
; {autopf} gives on Windows, spelled out because Wine 8 cannot expand {autopf} (its per-user
; Program Files folder) and /CURRENTUSER then fails ("Failed to expand shell folder constant").
DefaultDirName={code:DefaultAppDir}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
; Qt 6 needs 64-bit Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
; An upgrade closes a running Desk (Restart Manager) and replaces the program folder.
CloseApplications=yes
RestartApplications=no
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
#if FileExists(AddBackslash(SourcePath) + AppIcon)
SetupIconFile={#AppIcon}
#endif

[Languages]
; Default.isl first, so a message missing from the Chinese file falls back to English
; instead of failing the build (the Chinese file is our own; see packaging/README.md).
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DataKeptTitle=Your tickets are kept
english.DataKept=Desk was removed, but its database was not.%n%nYour tickets stay in:%n%1%n(every other user's in Desk\desk.db in their own local application data)%n%nA database on a shared folder (for example \\fileserver\it\desk.db) is never touched.%nDelete the file yourself only if nobody needs these tickets any more; keep a backup first.
chinesesimplified.DataKeptTitle=工单数据已保留
chinesesimplified.DataKept=Desk 程序已卸载，但数据库没有删除。%n%n您的工单保存在：%n%1%n（其他用户的工单保存在各自本地应用数据中的 Desk\desk.db）%n%n共享文件夹中的数据库（例如 \\fileserver\it\desk.db）不受影响。%n只有在确认不再需要这些工单时才可自行删除该文件，删除前请先备份。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Upgrade in place: remove the previous version's libraries so old and new never mix.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DefaultAppDir(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{commonpf}\{#AppName}')
  else
    Result := ExpandConstant('{localappdata}\Programs\{#AppName}');
end;

function DatabasePath(): String;
begin
  { config.data_dir(): %LOCALAPPDATA%\Desk, unless DESK_DATA_DIR overrides it }
  Result := GetEnv('DESK_DATA_DIR');
  if Result = '' then
    Result := ExpandConstant('{localappdata}\Desk');
  Result := AddBackslash(Result) + 'desk.db';
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    SuppressibleMsgBox(FmtMessage(CustomMessage('DataKept'), [DatabasePath()]),
      mbInformation, MB_OK, IDOK);
end;
