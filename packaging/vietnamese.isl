; Vietnamese messages for the KếtLuận installer, written for this project. Loaded after Inno Setup's
; Default.isl, so any message not translated here falls back to English.

[LangOptions]
LanguageName=Ti<1EBF>ng Vi<1EC7>t
LanguageID=$042A
LanguageCodePage=0

[Messages]
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt - %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại trình cài đặt vào lúc khác.%n%nThoát cài đặt?
PrivilegesRequiredOverrideTitle=Chọn cách cài đặt
PrivilegesRequiredOverrideInstruction=Chọn cách cài đặt
PrivilegesRequiredOverrideText1=%1 có thể được cài cho mọi người dùng (cần quyền quản trị) hoặc chỉ cho bạn.
PrivilegesRequiredOverrideText2=%1 có thể được cài chỉ cho bạn hoặc cho mọi người dùng (cần quyền quản trị).
PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
PrivilegesRequiredOverrideAllUsersRecommended=Cài cho &mọi người dùng (khuyến nghị)
PrivilegesRequiredOverrideCurrentUser=Chỉ cài cho &tôi
PrivilegesRequiredOverrideCurrentUserRecommended=Chỉ cài cho &tôi (khuyến nghị)
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=Đồng ý
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có với &tất cả
ButtonNo=&Không
ButtonNoToAll=K&hông với tất cả
ButtonFinish=&Hoàn tất
ButtonBrowse=&Chọn...
ButtonWizardBrowse=C&họn...
ButtonNewFolder=&Tạo thư mục mới
SelectLanguageTitle=Chọn ngôn ngữ cài đặt
SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt.
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách rồi bấm Đồng ý.
NewFolderName=Thư mục mới
WelcomeLabel1=Chào mừng đến với trình cài đặt [name]
WelcomeLabel2=Trình cài đặt sẽ cài [name/ver] vào máy tính của bạn.%n%nNên đóng các chương trình khác trước khi tiếp tục.
WizardSelectDir=Chọn nơi cài đặt
SelectDirDesc=[name] sẽ được cài vào đâu?
SelectDirLabel3=[name] sẽ được cài vào thư mục dưới đây.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
DiskSpaceGBLabel=Cần ít nhất [gb] GB dung lượng trống.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống.
WizardSelectTasks=Chọn tác vụ bổ sung
SelectTasksDesc=Cần làm thêm những gì?
SelectTasksLabel2=Chọn các tác vụ bổ sung khi cài [name], rồi bấm Tiếp.
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Trình cài đặt đã sẵn sàng cài [name] vào máy tính của bạn.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại hay thay đổi lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoDir=Thư mục cài đặt:
ReadyMemoTasks=Tác vụ bổ sung:
WizardPreparing=Đang chuẩn bị cài đặt
PreparingDesc=Trình cài đặt đang chuẩn bị cài [name] vào máy tính của bạn.
WizardInstalling=Đang cài đặt
InstallingLabel=Vui lòng đợi trong khi [name] được cài vào máy tính của bạn.
FinishedHeadingLabel=Hoàn tất cài đặt [name]
FinishedLabelNoIcons=[name] đã được cài xong.
FinishedLabel=[name] đã được cài xong. Có thể mở chương trình từ biểu tượng đã tạo.
ClickFinish=Bấm Hoàn tất để đóng trình cài đặt.
StatusExtractFiles=Đang giải nén tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusUninstalling=Đang gỡ %1...
ConfirmUninstall=Bạn có chắc muốn gỡ hoàn toàn %1 và các thành phần của nó?
UninstallStatusLabel=Vui lòng đợi trong khi %1 được gỡ khỏi máy tính.
UninstalledAll=Đã gỡ xong %1 khỏi máy tính.
UninstalledMost=Đã gỡ xong %1.%n%nMột số mục không gỡ được, có thể xóa thủ công.
SetupAborted=Cài đặt chưa hoàn tất.%n%nHãy khắc phục sự cố rồi chạy lại trình cài đặt.

[CustomMessages]
CreateDesktopIcon=Tạo biểu tượng trên &màn hình nền
AdditionalIcons=Biểu tượng bổ sung:
LaunchProgram=Mở %1
UninstallProgram=Gỡ cài đặt %1
