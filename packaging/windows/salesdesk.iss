; Inno Setup script: the Windows installer, made from the PyInstaller folder dist\SalesDesk.
; Steps (packaging/README.md has them in full), from the repository root:
;
;   build\dist-venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\salesdesk.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\salesdesk.iss
;
; The result is dist\SalesDesk-<version>-setup.exe. Needs Inno Setup 6.3 or later.
; Paths below are relative to this file.

#define AppName "SalesDesk"
#define BundleExe AddBackslash(SourcePath) + "..\..\dist\SalesDesk\SalesDesk.exe"
#ifndef AppVersion
  ; The version salesdesk.spec wrote into SalesDesk.exe: salesdesk.__version__, so the
  ; number lives in one place. (/DAppVersion=X.Y.Z on the command line overrides it.)
  #define AppVersion GetStringFileInfo(BundleExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error No version: build dist\SalesDesk with PyInstaller first (see packaging/README.md)
#endif

[Setup]
; Identifies the installation for upgrades and uninstall: never change it.
AppId=io.github.salesdesk.SalesDesk
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The SalesDesk developers
AppPublisherURL=https://github.com/salesdesk/salesdesk
VersionInfoVersion={#AppVersion}
; Per-user install without administrator rights by default ({autopf} is then
; %LOCALAPPDATA%\Programs); the first page offers "install for all users" as well.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
SetupIconFile=salesdesk.ico
UninstallDisplayIcon={app}\SalesDesk.exe
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=SalesDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Qt 6 runs on 64-bit Windows 10 1809 and later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
; A running SalesDesk is asked to close before its files are replaced.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no library the new version dropped stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\SalesDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\SalesDesk.exe"; Comment: "Your sales playbook, checklist and notes beside every call"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\SalesDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\SalesDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Nothing in [UninstallDelete]: the rep's calls and notes live in %LOCALAPPDATA%\SalesDesk,
; outside {app}, and uninstalling never removes them.
