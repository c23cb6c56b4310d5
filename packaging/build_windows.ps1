# Build KetLuan (PyInstaller one-folder) and its installer on Windows with Python 3.11.
# Run from an ASCII path (e.g. C:\build\ketluan), in PowerShell:
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Output: dist\KetLuan\ (the app) and dist\KetLuan-Setup-<version>.exe (the installer).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if ((Get-Location).Path -match '[^\x00-\x7F]') {
    throw "Hãy build từ một đường dẫn chỉ có ký tự ASCII (ví dụ C:\build\ketluan)."
}

if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
& .\.venv\Scripts\python.exe -m pip install --upgrade pip
& .\.venv\Scripts\python.exe -m pip install -c constraints.txt -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# One source of the version: the package.
$version = (& .\.venv\Scripts\python.exe -c "import ketluan_desktop; print(ketluan_desktop.__version__)").Trim()
Write-Host "KetLuan $version"

& .\.venv\Scripts\python.exe packaging\make_icon.py build\ketluan.ico
& .\.venv\Scripts\pyinstaller.exe --noconfirm --clean packaging\ketluan.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The frozen app must pass its own self-test, from a folder whose name has Vietnamese characters.
$check = Join-Path $env:TEMP "Kiểm tra KếtLuận"
New-Item -ItemType Directory -Force -Path $check | Out-Null
$report = Join-Path $check "self-test.txt"
$exe = Join-Path $PSScriptRoot "..\dist\KetLuan\KetLuan.exe"
$env:QT_QPA_PLATFORM = "offscreen"
$p = Start-Process -FilePath $exe -ArgumentList "--self-test", "--report", "`"$report`"" -WorkingDirectory $check -Wait -PassThru
Remove-Item Env:QT_QPA_PLATFORM
Get-Content -Encoding UTF8 $report
if ($p.ExitCode -ne 0) { throw "Frozen self-test failed" }

# The frozen app's start-up to its painted main window on the demo office (issue 2: under 1 s).
& .\.venv\Scripts\python.exe bench\bench_startup.py 5 --exe $exe
if ($LASTEXITCODE -ne 0) { throw "Start-up measurement failed" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 (ISCC.exe) not found: install it first." }
& $iscc "/DAppVersion=$version" packaging\installer.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "dist\KetLuan-Setup-$version.exe"
