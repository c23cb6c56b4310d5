"""Vietnamese for Qt's own strings (standard buttons, context menus, undo actions, scroll bars).

Qt 6 ships no ``qtbase_vi.qm`` (its translations folder has no Vietnamese at all), so the standard
buttons of every QMessageBox and QDialogButtonBox would read "Cancel"/"Yes". This translator answers
those lookups from a table instead of a .qm file: nothing to compile, nothing to bundle, and the
frozen app gets it for free.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_STANDARD = {
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "K&hông với tất cả",
    "Abort": "Bỏ qua",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Không lưu",
    "Don't Save": "Không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}

_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "&Select All": "&Chọn tất cả",
    "Insert Unicode control character": "Chèn ký tự điều khiển Unicode",
}

TABLE: dict[str, dict[str, str]] = {
    "QPlatformTheme": _STANDARD,
    "QDialogButtonBox": _STANDARD,
    "QMessageBox": {
        **_STANDARD,
        "Show Details...": "Xem chi tiết...",
        "Hide Details...": "Ẩn chi tiết...",
        "About Qt": "Giới thiệu Qt",
    },
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": {**_EDIT_MENU, "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QUndoStack": {
        "Undo %1": "Hoàn tác %1",
        "Redo %1": "Làm lại %1",
        "Undo": "Hoàn tác",
        "Redo": "Làm lại",
    },
    "QUndoGroup": {
        "Undo %1": "Hoàn tác %1",
        "Redo %1": "Làm lại %1",
        "Undo": "Hoàn tác",
        "Redo": "Làm lại",
    },
    "QUndoModel": {"<empty>": "<trống>"},
    "QWizard": {
        "&Next >": "&Tiếp >",
        "< &Back": "< &Quay lại",
        "&Finish": "&Hoàn tất",
        "Cancel": "Hủy",
        "Help": "Trợ giúp",
        "&Next": "&Tiếp",
        "Go Back": "Quay lại",
        "Continue": "Tiếp tục",
        "Commit": "Xác nhận",
        "Done": "Xong",
    },
    "QScrollBar": {
        "Scroll here": "Cuộn tới đây",
        "Left edge": "Mép trái",
        "Top": "Đầu",
        "Right edge": "Mép phải",
        "Bottom": "Cuối",
        "Page left": "Trang trái",
        "Page up": "Trang trên",
        "Page right": "Trang phải",
        "Page down": "Trang dưới",
        "Scroll left": "Cuộn trái",
        "Scroll up": "Cuộn lên",
        "Scroll right": "Cuộn phải",
        "Scroll down": "Cuộn xuống",
    },
    "QCalendarWidget": {
        "Previous Month": "Tháng trước",
        "Next Month": "Tháng sau",
        "Today": "Hôm nay",
        "Week": "Tuần",
    },
    "QFileDialog": {
        "Look in:": "Tìm trong:",
        "File name:": "Tên tệp:",
        "Files of type:": "Loại tệp:",
        "&Open": "&Mở",
        "&Save": "&Lưu",
        "Open": "Mở",
        "Save As": "Lưu thành",
        "Back": "Lùi",
        "Forward": "Tiến",
        "Parent Directory": "Thư mục cha",
        "Create New Folder": "Tạo thư mục mới",
        "List View": "Xem dạng danh sách",
        "Detail View": "Xem chi tiết",
        "All Files (*)": "Tất cả tệp (*)",
        "Directory:": "Thư mục:",
        "New Folder": "Thư mục mới",
        "&Choose": "&Chọn",
        "Find Directory": "Chọn thư mục",
        "My Computer": "Máy tính",
        "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
        "&Rename": "Đổi &tên",
        "&Delete": "&Xóa",
        "Show &hidden files": "Hiện tệp &ẩn",
        "&New Folder": "Thư mục &mới",
        # The labels of Qt's own (non-native) dialog, used on Linux without a desktop theme.
        "&Look in:": "&Tìm trong:",
        "File &name:": "&Tên tệp:",
        "Files of &type:": "&Loại tệp:",
        "Files": "Tệp",
        "Sidebar": "Thanh bên",
        "List of places and bookmarks": "Các nơi thường dùng",
        "Go back": "Quay lại",
        "Go forward": "Đi tiếp",
        "Go to the parent directory": "Lên thư mục cha",
        "Create a New Folder": "Tạo thư mục mới",
        "Change to list view mode": "Xem dạng danh sách",
        "Change to detail view mode": "Xem chi tiết",
        "Show ": "Hiện ",
        "Recent Places": "Nơi dùng gần đây",
        "Save as": "Lưu thành",
        "All files (*)": "Tất cả tệp (*)",
        "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa «%1»?",
        "'%1' is write protected.\nDo you want to delete it anyway?": (
            "«%1» được bảo vệ chống ghi.\nBạn vẫn muốn xóa?"
        ),
        "Could not delete directory.": "Không xóa được thư mục.",
        "%1\nFile not found.\nPlease verify the correct file name was given.": (
            "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
        ),
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
            "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
        ),
        "Directories": "Thư mục",
        "Hidden": "Ẩn",
    },
    "QFileSystemModel": {
        "Name": "Tên",
        "Size": "Cỡ",
        "Type": "Loại",
        "Kind": "Loại",
        "Date Modified": "Ngày sửa",
        "Computer": "Máy tính",
        "My Computer": "Máy tính",
        "%1 TB": "%1 TB",
        "%1 GB": "%1 GB",
        "%1 MB": "%1 MB",
        "%1 KB": "%1 KB",
        "%1 bytes": "%1 byte",
        "Invalid filename": "Tên tệp không hợp lệ",
    },
    "QAbstractFileIconProvider": {
        "Folder": "Thư mục",
        "File Folder": "Thư mục",
        "Drive": "Ổ đĩa",
        "File": "Tệp",
        "%1 File": "Tệp %1",
        "Alias": "Lối tắt",
        "Shortcut": "Lối tắt",
        "Unknown": "Không rõ",
    },
    "QInputDialog": {"Enter a value:": "Nhập giá trị:"},
    "QShortcut": {
        "Ctrl": "Ctrl",
        "Shift": "Shift",
        "Alt": "Alt",
        "Del": "Del",
        "Backspace": "Backspace",
    },
}


class VietnameseQtTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # Qt API names
        table = TABLE.get(context)
        if table is None or source_text is None:
            return None  # a null answer lets Qt ask the next translator, then keep the source
        return table.get(source_text)

    def isEmpty(self) -> bool:
        return False
