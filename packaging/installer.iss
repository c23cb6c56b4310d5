; Inno Setup 6 script: KetLuan-Setup-<version>.exe
; Built by packaging/build_windows.ps1, which passes the version read from ketluan_desktop.__version__:
;   ISCC /DAppVersion=0.1.0 packaging\installer.iss
; Installs per user without admin rights by default; an administrator may choose "all users".
; The user's data (%LOCALAPPDATA%\KetLuan) is kept on uninstall unless the user asks to remove it,
; and an upgrade installs over the old version in place, keeping it.

#ifndef AppVersion
  #error "Pass the version: ISCC /DAppVersion=x.y.z installer.iss (build_windows.ps1 does it)"
#endif
#define AppName "KếtLuận Desktop"
#define AppExe "KetLuan.exe"
#define SourceDir "..\dist\KetLuan"

[Setup]
AppId={{6F3B0C2A-8E1D-4F57-9B6A-5D2C1E0A4B19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Văn phòng Đảng ủy Khối
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription=Cài đặt {#AppName}
DefaultDirName={autopf}\KetLuan
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=KetLuan-Setup-{#AppVersion}
SetupIconFile=..\build\ketluan.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl,vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program files (old modules must not linger); data lives elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:SelfTest}"; Filename: "{app}\{#AppExe}"; Parameters: "--self-test"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[CustomMessages]
vi.SelfTest=Tự kiểm tra cài đặt
en.SelfTest=Installation self-test
vi.RemoveData=Xóa luôn dữ liệu của KếtLuận (cơ sở dữ liệu, nhật ký, bản sao lưu) trong thư mục:%n%n%1%n%nChọn «Không» để giữ lại dữ liệu (nên giữ nếu sẽ cài lại).
en.RemoveData=Also delete KếtLuận's data (database, logs, backups) in:%n%n%1%n%nChoose "No" to keep it (recommended if you will reinstall).

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\KetLuan');
    if DirExists(DataDir) and not UninstallSilent then
      if MsgBox(FmtMessage(CustomMessage('RemoveData'), [DataDir]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
