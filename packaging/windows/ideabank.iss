; Inno Setup script: the Windows installer of Idea Bank (创新智慧库).
;
; Built on Windows only (Inno Setup 6.4 or later, which ships the Simplified Chinese messages), after
; the one-folder application, from the repository root:
;
;     python -m pip install -c constraints.txt -e .[package]
;     pyside6-lrelease resources\i18n\ideabank_zh_CN.ts -qm resources\i18n\ideabank_zh_CN.qm
;     pyside6-lrelease resources\i18n\ideabank_en.ts -qm resources\i18n\ideabank_en.qm
;     pyinstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\ideabank.spec
;     iscc packaging\windows\ideabank.iss
;
; -> dist\ideabank-VERSION-windows-x64-setup.exe. The version is not written here: it is read from
; the program's version resource, which the spec writes from pyproject.toml (its one place).
; Installs per user (no administrator needed) or, when started as administrator and chosen in the
; first dialog, for everyone. The data folder (database, attachments, backups) is the user's own
; and is never removed by the uninstaller.

#define AppExe "ideabank-gui.exe"
#define AppTitle "创新智慧库 Idea Bank"
#define Bundle SourcePath + "..\..\dist\ideabank"
#if !FileExists(Bundle + "\" + AppExe)
  #error The application folder dist\ideabank is missing: run PyInstaller with packaging\ideabank.spec first.
#endif
#define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error dist\ideabank\ideabank-gui.exe carries no version resource: rebuild it with packaging\ideabank.spec.
#endif
#define ChineseMessages CompilerPath + "Languages\ChineseSimplified.isl"
#if !FileExists(ChineseMessages)
  #error Inno Setup 6.4 or later is needed: it brings Languages\ChineseSimplified.isl.
#endif

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{5C0F3E4B-7A1D-4E62-9B8C-2F4D6A9E1B37}
AppName=创新智慧库
AppVerName={#AppTitle} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Idea Bank
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppTitle}
DefaultDirName={autopf}\IdeaBank
DefaultGroupName=创新智慧库
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\..\dist
OutputBaseFilename=ideabank-{#AppVersion}-windows-x64-setup
SetupIconFile={#SourcePath}..\..\build\icons\ideabank.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppTitle}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
; A running copy would hold its files: the installer asks to close it.
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppName=创新智慧库
english.AppName=Idea Bank
chinesesimplified.AddToPath=把命令行工具 ideabank 加入 PATH（管理员写脚本、做备份时使用）
english.AddToPath=Add the ideabank command to PATH (for administrators' scripts and backups)
chinesesimplified.CommandLine=创新智慧库命令行
english.CommandLine=Idea Bank command line

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"; Flags: unchecked

[Files]
; The whole one-folder application: both programs (ideabank-gui.exe, the window; ideabank.exe, the
; command line) and _internal\ with Python, Qt, the translations, dictionary, font and migrations.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an earlier version that this one no longer has would otherwise stay and be imported.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{cm:AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\ideabank.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppTitle}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; PATH of the user (per-user install) or of the machine (for everyone), only when asked for.
Root: HKA; Subkey: "{code:EnvironmentKey}"; ValueType: expandsz; ValueName: "Path"; \
    ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NotOnPath('{app}')

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
function EnvironmentKey(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

function EnvironmentRoot: Integer;
begin
  if IsAdminInstallMode then
    Result := HKEY_LOCAL_MACHINE
  else
    Result := HKEY_CURRENT_USER;
end;

function NotOnPath(Param: String): Boolean;
var
  Path: String;
begin
  if not RegQueryStringValue(EnvironmentRoot, EnvironmentKey(''), 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(ExpandConstant(Param)) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: String;
  P: Integer;
begin
  { Take the program folder out of PATH again; everything else in PATH stays as it was. }
  if CurUninstallStep <> usPostUninstall then
    exit;
  if not RegQueryStringValue(EnvironmentRoot, EnvironmentKey(''), 'Path', Path) then
    exit;
  Dir := ExpandConstant('{app}');
  Path := ';' + Path + ';';
  P := Pos(';' + Uppercase(Dir) + ';', Uppercase(Path));
  if P = 0 then
    exit;
  Delete(Path, P, Length(Dir) + 1);        { ';' + Dir; the ';' after it stays }
  Path := Copy(Path, 2, Length(Path) - 2); { without the padding added above }
  RegWriteExpandStringValue(EnvironmentRoot, EnvironmentKey(''), 'Path', Path);
end;
