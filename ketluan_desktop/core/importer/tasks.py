"""Which parts of a document are tasks to follow up.

The tasks are the finest-grained entries of a task section — a section whose heading speaks of
"nhiệm vụ", "phương hướng" or "giải pháp" (or lies under such a Roman heading): its "-" bullets
where it has them, otherwise its numbered items; "+" sub-bullets belong to their parent. A list
introduced by "… một số nhiệm vụ, giải pháp sau:" is a task list too, even when its entries are
numbered sections. A conclusion or notice with no such section assigns work in numbered paragraphs
("Giao …", "Yêu cầu …"); a copy with no numbers at all, in its paragraphs.
"""

from __future__ import annotations

import re

from ketluan_desktop.core.importer.result import ParsedBlock, ParsedSection, TaskRef
from ketluan_desktop.core.importer.textutil import collapse, ends_with_terminal, starts_lower
from ketluan_desktop.core.text.normalize import fold

# A plan's or a conclusion's part of work to do may also be "Nội dung, tiến độ thực hiện".
_TASK_WORDS = re.compile(
    r"\b(?:nhiem vu|phuong huong|giai phap|noi dung(?:,? tien do)? thuc hien|tien do thuc hien)\b"
)
# "Kế hoạch cụ thể như sau :" introduces the work of a notice's plan too.
# Work set in a meeting's or a leader's words is introduced the same way: "… nhấn mạnh một số công
# việc trọng tâm cần tổ chức thực hiện …, cụ thể như sau:", "… giao Đảng ủy Chính phủ lãnh đạo, chỉ
# đạo một số nội dung sau tại Kết luận 155-KL/TW:" (the paper that sets them may follow "sau").
_INTRO = re.compile(
    r"\b(?:nhiem vu|giai phap|phuong huong|ke hoach cu the|cong viec"
    r"|(?:giao|chi dao)\b[^.;:]{0,60}\bnoi dung)\b[^.;:]{0,80}\bsau\s*(?:day\s*)?"
    r"(?:(?:tai|trong|theo) (?:ket luan|nghi quyet|chi thi|thong bao|van ban)\b[^.;:]{0,30})?:\s*$"
)
_ASSIGNING = re.compile(
    r"^(?:giao|yeu cau|de nghi|chi dao|phan cong|tap trung|tiep tuc|chu dong|tang cuong|day manh"
    r"|khan truong|thanh lap)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# The numbered points after "… Bộ Chính trị, Ban Bí thư kết luận như sau:" are the conclusions: each
# gives work ("Tổ chức tốt việc lấy ý kiến …") but the one that assesses ("Cơ bản thống nhất với Báo
# cáo …", "Đánh giá cao …").
_CONCLUDES = re.compile(
    r"\b(?:ket luan|co y kien|cho y kien)\b[^.;:]{0,40}\b(?:nhu sau|sau day)\s*:\s*$"
)
_ASSESSING = re.compile(
    r"^(?:co ban\s+)?(?:thong nhat|nhat tri|danh gia|ghi nhan|bieu duong|hoan nghenh|tan thanh)\b"
)


# A part that assesses the work done ("ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ … NĂM 2019", "KẾT QUẢ
# THỰC HIỆN NHIỆM VỤ …") is no part of work to do, unless it names the work ahead as well.
_ASSESSMENT = re.compile(r"^(?:[ivxlc\d]+\s*[.)\-–]\s*)?(?:ve\s+)?(?:danh gia|ket qua|tinh hinh)\b")
_WORK_DONE = re.compile(r"\bthuc hien (?:cac\s+)?(?:nhiem vu|giai phap)\b")


def _names_work(heading: str) -> bool:
    folded = fold(heading)
    if _ASSESSMENT.match(folded):
        folded = _WORK_DONE.sub(" ", folded)
    return _TASK_WORDS.search(folded) is not None


def _in_assessment(sections: list[ParsedSection], index: int | None) -> bool:
    """Whether a section lies in a part that assesses the work done ("PHẦN THỨ NHẤT / Đánh giá kết
    quả …", "I. KẾT QUẢ ĐẠT ĐƯỢC"): a list there ("đã hoàn thành các nhiệm vụ … như sau:") tells
    what was done, and the sections a report's opening announces there are no tasks."""
    while index is not None:
        heading = sections[index].heading
        if heading and _ASSESSMENT.match(fold(heading)) and not _names_work(heading):
            return True
        index = sections[index].parent
    return False


def _is_container(sections: list[ParsedSection], index: int) -> bool:
    section = sections[index]
    if section.heading and _names_work(section.heading):
        return True
    parent = section.parent
    return parent is not None and _is_container(sections, parent)


def _introduces_tasks(text: str) -> bool:
    last = _SENTENCE_END.split(text.strip())[-1]
    return _INTRO.search(fold(last)) is not None


def _mark_class(block: ParsedBlock) -> str:
    return "-" if block.marker in ("-", "–", "—", "−") else block.marker or ""


def _heads_list(blocks: list[ParsedBlock], i: int) -> bool:
    """A bullet that ends with a colon right above bullets of another mark heads them ("* Về phát
    triển số lượng:" / "- Phấn đấu …"): a heading of the list, no entry of its own."""
    if i + 1 >= len(blocks) or not blocks[i].text.rstrip().endswith(":"):
        return False
    below = blocks[i + 1]
    return (
        below.kind == "bullet" and below.level == 0 and _mark_class(below) != _mark_class(blocks[i])
    )


def _entries(blocks: list[ParsedBlock], start: int = 0) -> list[tuple[int, str]]:
    """(block index, task text) for the finest-grained list entries from ``start`` on."""
    indices = range(start, len(blocks))
    bullets = [
        i
        for i in indices
        if blocks[i].kind == "bullet" and blocks[i].level == 0 and not _heads_list(blocks, i)
    ]
    chosen = bullets or [i for i in indices if blocks[i].kind == "item"]
    out = []
    for i in chosen:
        parts = [blocks[i].text]
        j = i + 1
        # "+" sub-bullets belong to the entry above them.
        while j < len(blocks) and blocks[j].kind == "bullet" and blocks[j].level > 0:
            parts.append(blocks[j].text)
            j += 1
        out.append((i, collapse(" ".join(parts))))
    return out


def _whole_section(section: ParsedSection) -> str:
    text = section.text()
    if section.heading:
        # A bold start of the sentence ("**Giao Ban Tuyên giáo** xây dựng kế hoạch …") is no
        # heading of its own: the text goes on in lower case, with no mark between.
        sep = "" if starts_lower(text) else (section.run_in or ":")
        text = f"{section.heading}{sep} {text}" if text else section.heading
    return collapse(text)


def find_tasks(sections: list[ParsedSection], type_code: str | None) -> list[TaskRef]:
    tasks: list[TaskRef] = []
    taken: set[tuple[int, int | None]] = set()

    def add(index: int, block: int | None, text: str) -> None:
        if (index, block) not in taken and text:
            taken.add((index, block))
            tasks.append(TaskRef(sections[index].number, index, block, text))

    parents = {s.parent for s in sections if s.parent is not None}
    item_sections: set[int] = set()
    for index, section in enumerate(sections):
        for b, block in enumerate(section.blocks):
            if block.kind != "paragraph" or _in_assessment(sections, index):
                continue
            if _introduces_tasks(block.text):
                if b == len(section.blocks) - 1 and index + 1 not in item_sections:
                    # The list is the sections that follow, down to the next section higher up.
                    for later in range(index + 1, len(sections)):
                        if _rank(sections[later]) < _rank(section) or (
                            section.level != "opening" and _rank(sections[later]) == _rank(section)
                        ):
                            break
                        if not _in_assessment(sections, later):
                            item_sections.add(later)
                else:
                    for i, text in _entries(
                        section.blocks[: _list_end(section.blocks, b + 1)], b + 1
                    ):
                        add(index, i, text)
    for index, section in enumerate(sections):
        if section.appendix:
            continue
        container = _is_container(sections, index)
        if not container and index not in item_sections:
            continue
        entries = _entries(section.blocks)
        if entries:
            for i, text in entries:
                add(index, i, text)
        elif index in item_sections or _numbered_item(sections, index):
            # A numbered item of the tasks part is one task, its paragraphs with it (in OCR text
            # that lost its "- " marks they are not separate entries).
            add(index, 0 if section.blocks else None, _whole_section(section))
        elif index not in parents:
            for i, block in enumerate(section.blocks):
                if block.kind == "paragraph" and not _is_pointer(block.text):
                    add(index, i, block.text)
    # "Tổ chức thực hiện" gives work to bodies even after a tasks part: a resolution's tasks are
    # spread over both.
    _implementation_tasks(sections, add)
    if not tasks and type_code in ("KL", "TB"):
        concluded = False
        for index, section in enumerate(sections):
            numbered_paragraph = section.level == "arabic" and section.heading is None
            first = fold(section.blocks[0].text) if section.blocks else ""
            if (
                numbered_paragraph
                and section.blocks
                and (_ASSIGNING.match(first) or (concluded and not _ASSESSING.match(first)))
            ):
                add(index, 0, _whole_section(section))
            if section.blocks and not numbered_paragraph:
                concluded = _CONCLUDES.search(fold(section.blocks[-1].text)) is not None
    if not tasks and type_code not in _NO_TASKS:
        _paragraph_tasks(sections, add)
    if not tasks and type_code not in _NO_TASKS:
        _level_duties(sections, add)
    if not tasks and type_code not in _NO_TASKS:
        _upkeep_tasks(sections, add)
    if not tasks and type_code not in _NO_TASKS:
        _deadline_points(sections, add)
    if not tasks and type_code == "QĐ":
        _executing_articles(sections, add)
    tasks.sort(key=lambda t: (t.section_index, -1 if t.block_index is None else t.block_index))
    return tasks


def _numbered_item(sections: list[ParsedSection], index: int) -> bool:
    """A numbered section that is in the tasks part only through the part above it."""
    section = sections[index]
    if section.level != "arabic" or section.parent is None:
        return False
    own = section.heading and _names_work(section.heading)
    return not own and section.parent is not None and _is_container(sections, section.parent)


_IMPLEMENTATION = re.compile(r"\bto chuc thuc hien\b")
# An entry that gives work to a body: "Ban Tuyên giáo … chủ trì", "Giao …", "Các cấp ủy …".
_BODY_START = re.compile(
    r"^(?:cac |moi )?(?:ban |dang uy|dang doan|ban can su|uy ban|van phong|cap uy|to chuc dang"
    r"|chi bo|tinh uy|thanh uy|huyen uy|mat tran|doan |hoi |cong doan|so |truong |bo )"
)


def _is_pointer(text: str) -> bool:
    """Not a task: a line that introduces a list ("… như sau:") or points to the appendix where the
    work is set out ("Phụ lục kèm theo Kế hoạch nêu rõ …")."""
    return text.rstrip().endswith(":") or fold(text).startswith("phu luc")


def _implementation_tasks(sections: list[ParsedSection], add) -> None:
    """Without a tasks part, "Tổ chức thực hiện" is one when its entries assign work to bodies,
    or when its numbered parts are headed by the body they give work to ("1. Các cấp ủy, tổ chức
    đảng …": every entry under it)."""
    for index, section in enumerate(sections):
        if section.appendix or not section.heading:
            continue
        if not _IMPLEMENTATION.search(fold(section.heading)):
            continue
        for i, text in _entries(section.blocks):
            folded = fold(text)
            if _ASSIGNING.match(folded) or _BODY_START.match(folded):
                add(index, i, text)
        for child in range(index + 1, len(sections)):
            if sections[child].parent != index:
                continue
            heading = fold(sections[child].heading or "")
            if heading and (_ASSIGNING.match(heading) or _BODY_START.match(heading)):
                entries = _entries(sections[child].blocks)
                for i, text in entries:
                    add(child, i, text)
                if not entries:
                    # "1. Giao Ban Tổ chức Trung ương … theo dõi, đôn đốc …": the part is the task.
                    blocks = sections[child].blocks
                    add(child, 0 if blocks else None, _whole_section(sections[child]))


def _rank(section: ParsedSection) -> int:
    return {"opening": 0, "appendix": 0, "roman": 1, "arabic": 2}.get(section.level, 2)


# Kinds whose paragraphs give no work to follow up: a report's proposals go to the body above, a
# submission asks for a decision, minutes record one.
_NO_TASKS = ("BC", "TTr", "BB")
_BODIES = (
    r"(?:cac\s+|moi\s+)?(?:dang uy|dang bo|ban[ ,]|cap uy|uy ban|van phong|quan uy|tinh uy|thanh uy|huyen uy"
    r"|co quan|to chuc dang|dang doan|ban can su|chinh phu|bo |chi bo|dia phuong|don vi|nganh"
    r"|doan the|mat tran"
    # … or to the people who hold an office: "VPĐU đề nghị Bí thư các Chi bộ …", "yêu cầu người
    # đứng đầu …", "đề nghị các thành viên Ban Chỉ đạo …".
    r"|bi thu|pho bi thu|nguoi dung dau|thu truong|thanh vien|lanh dao|dong chi|dang vien|can bo"
    # … and to bodies written short: "BTV Tỉnh ủy yêu cầu BTV Thành ủy Huế; các huyện ủy …".
    r"|btv |bch |ubkt |ubnd |hdnd |mttq )"
)
# Work given to a body inside a sentence: "…, giao Đảng ủy Chính phủ …", "Kết luận nêu rõ yêu cầu
# các cấp uỷ trực thuộc Trung ương …", "Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ …" (the
# body that asks named first; "giao" only after a stop: "Ban Tuyên giáo Tỉnh ủy" gives nothing,
# or as "giao nhiệm vụ cho": "… cũng giao nhiệm vụ cho Ban Tuyên giáo Huyện ủy …"; a list of bodies
# may open on "các Ban, Văn phòng Huyện ủy").
_GIVES_WORK = re.compile(
    r"(?:(?:^|[,;:]\s*|\bneu ro\s+)(?:giao|yeu cau|de nghi)|\b(?:yeu cau|de nghi)"
    r"|\bgiao\s+(?:nhiem vu|viec)\s+cho"
    # A body assigns a member: "… trước mắt Bộ Chính trị phân công đồng chí Tô Lâm, … chủ trì công
    # việc …" (not what was done or is followed: "đã phân công", "được phân công", "theo phân công").
    r"|(?<!\bda )(?<!\bduoc )(?<!\btheo )(?<!\bsu )\bphan cong)\s*[,:]?\s+" + _BODIES
)
# A leader's closing words name the work ahead: "Đồng chí Bí thư Tỉnh ủy cũng nêu rõ: Nhiệm vụ
# trọng tâm trong tháng 10 là tổ chức thành công Đại hội …".
_FOCUS = re.compile(r"\bnhiem vu (?:trong tam|chu yeu|hang dau)\b[^.;]{0,60}\bla\b")
# A page that relays a conclusion runs its lead into the conclusions: "Kết luận nêu, tại phiên họp
# ngày 17-10, … Bộ Chính trị, Ban Bí thư kết luận như sau: Cơ bản thống nhất … . Yêu cầu các cấp
# ủy …". The work starts at the first sentence after the lead that gives it.
_LEAD_RUN_ON = re.compile(
    r"\b(?:ket luan|co y kien|cho y kien|yeu cau|de nghi|chi dao)\b[^.;:]{0,80}"
    r"\b(?:nhu sau|sau day)\s*:\s*"
)
# A copy of a resolution's part of work names it before giving it paragraph by paragraph: "Trong
# đó, một trong các nhiệm vụ, giải pháp của Nghị quyết là …".
_SOLUTIONS = re.compile(r"\bnhiem vu,?\s+(?:va\s+)?giai phap\b")
# A page's own short lines inside the text (its headlines, "T.H(bt)", "Xem chi tiết trong file
# đính kèm") have no closing punctuation; a paragraph of the document has.
_HEADLINE_MAX = 200
# A plan's schedule gives work with its deadline to a level or a body: "Cấp cơ sở: Hoàn thành trước
# ngày 05-12-2022; tổng hợp báo cáo kết quả về Ban Tổ chức Tỉnh ủy trước ngày 25-12-2022."
_DEADLINE = re.compile(
    r"\b(?:hoan thanh|hoan tat|xong|bao cao|gui|nop)\b[^.;]{0,120}?\b(?:truoc|cham nhat)"
    r"(?: ngay)? \d{1,2}\s*[-/.]\s*\d{1,2}\b"
)
# A quoted article of a law or decree ("Điều 2, Nghị định 178/2024/NĐ-CP …") is not the notice.
_ARTICLE = re.compile(r"^dieu\s+\d")


# A photo's caption inside a news copy ("Tổng Bí thư … phát biểu tại cuộc làm việc …, ngày 8/9.
# Ảnh: Cổng thông tin Đảng Cộng sản.", "… (Ảnh minh họa)") is the page's, no work.
_CAPTION = re.compile(
    r"(?:^|[.!?]\s+|\(\s*)Ảnh(?:\s+minh\s+họa|\s+minh\s+hoạ)?\s*(?::\s*[^.:;()]{1,60})?\s*\)?\s*\.?$",
    re.IGNORECASE,
)
# The sentence that reports the paper's issue ("… Thường trực Ban Bí thư Trần Cẩm Tú vừa ký ban hành
# Kết luận số 190-KL/TW …", "Ngày 8/9, Bộ Chính trị ban hành Kết luận số 190-KL/TW …") is the
# page's lead, no work, unless it gives some.
_PAPERS = r"(?:ket luan|nghi quyet|chi thi|thong bao|ke hoach|huong dan|quy dinh|quyet dinh"
_PAPERS += r"|cong van|chuong trinh)"
_REPORTS_ISSUE = re.compile(
    r"\b(?:(?:da|vua)\s+(?:ky\s+)?ban hanh\s+" + _PAPERS + r"\b"
    r"|(?:ky\s+)?ban hanh\s+" + _PAPERS + r"\s+so\s*:?\s*\d)"
)


def _paragraph_tasks(sections: list[ParsedSection], add) -> None:
    """A document copied with no numbers and no marks (a conclusion, a notice, a letter, a news
    copy of a resolution's solutions): from the first paragraph that gives work to a body or names
    the document's tasks and solutions, every paragraph of its unnumbered text is an assignment or
    continues one (a news copy splits a body's list of work into paragraphs), down to a numbered
    part or a quoted article of another document; the page's own short lines are left out."""
    started = introduced = False
    for index, section in enumerate(sections):
        if section.appendix or section.number is not None:
            if started:
                return
            continue
        for b, block in enumerate(section.blocks):
            folded = fold(block.text)
            if block.kind != "paragraph" or _ARTICLE.match(folded):
                if introduced and block.kind == "bullet":
                    continue  # what a task's paragraph lists ("… sự kiện như:") belongs to it
                if started:
                    return
                continue
            if _CAPTION.search(block.text) or (
                _REPORTS_ISSUE.search(folded[:400]) and not _GIVES_WORK.search(folded)
            ):
                continue
            work = _after_lead(block.text)
            if not started and not (
                _GIVES_WORK.search(folded[:400])
                or _SOLUTIONS.search(folded[:400])
                or _FOCUS.search(folded[:400])
                or work != block.text
                or (_DEADLINE.search(folded[:400]) and not _page_line(block.text))
            ):
                continue
            started = True
            introduced = False
            if _page_line(block.text):
                continue
            if not _is_pointer(block.text) or _work_before_list(block.text):
                add(index, b, work)
                introduced = block.text.rstrip().endswith(":")


def _work_before_list(text: str) -> bool:
    """A paragraph that gives its work in a sentence of its own before it opens a list ("… yêu
    cầu Cấp uỷ các chi bộ lãnh đạo thực hiện tốt công tác tuyên truyền tháng 4. Tập trung …
    như:") is a task, not a mere pointer to the list; "… Đồng chí Bí thư yêu cầu các cấp ủy:" gives
    its work in the list."""
    sentences = _SENTENCE_END.split(text.strip())
    return len(sentences) > 1 and _GIVES_WORK.search(fold(" ".join(sentences[:-1]))) is not None


def _after_lead(text: str) -> str:
    """The work of a paragraph that opens on a relayed conclusion's lead (see ``_LEAD_RUN_ON``):
    from its first sentence after the lead that gives work; the paragraph when none does."""
    folded = fold(text)
    m = _LEAD_RUN_ON.search(folded)
    if m is None or len(folded) != len(text):
        return text
    rest = text[m.end() :]
    at = 0
    for sentence in _SENTENCE_END.split(rest):
        if _ASSIGNING.match(fold(sentence)):
            return collapse(rest[at:])
        at = rest.find(sentence, at) + len(sentence)
        while at < len(rest) and rest[at].isspace():
            at += 1
    return text


# A guide sets each level's duties under an item that names the level: "a) Tỉnh ủy và tương đương"
# / "- Căn cứ … để đề ra kế hoạch …" / "- Chỉ đạo ban tổ chức …", "b) Đối với chi bộ:".
_LEVEL = re.compile(
    r"^(?:doi voi\s+)?(?:cac\s+)?(?:cap uy|tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy"
    r"|dang bo|chi bo|chi uy|to chuc dang|ban thuong vu)\b[^.;!?]{0,60}:?$"
)


def _level_duties(sections: list[ParsedSection], add) -> None:
    """With no tasks found otherwise, the "- " points under an item that names a level are that
    level's work."""
    for index, section in enumerate(sections):
        if section.appendix:
            continue
        blocks = section.blocks
        for b, block in enumerate(blocks):
            if block.kind != "item" or not _LEVEL.match(fold(collapse(block.text))):
                continue
            end = b + 1
            while end < len(blocks) and blocks[end].kind == "bullet":
                end += 1
            for i, text in _entries(blocks[:end], b + 1):
                add(index, i, text)


# A regulation's rules are no tasks, but its closing clause gives one: "Trong quá trình tổ chức
# thực hiện, nếu phát sinh khó khăn, vướng mắc, Văn phòng Trung ương Đảng có trách nhiệm tổng hợp
# … trình Thường trực Ban Bí thư …".
_UPKEEP = re.compile(
    r"^trong qua trinh (?:to chuc )?(?:trien khai )?thuc hien\b.{0,200}?\b(?:co trach nhiem|chu tri"
    r"|tong hop|bao cao|de xuat)\b"
)


# A decision's closing article makes bodies answer for carrying it out: "Điều 3: Người đứng đầu cấp
# ủy, các ban Đảng ủy, … chịu trách nhiệm thi hành Quyết định này."
_ARTICLE_MARK = re.compile(r"^\s*Điều\s+\d{1,2}\s*[.:]\s*", re.IGNORECASE)
# (A copy cut after "chịu trách" still says it.)
_ANSWERS_FOR = re.compile(r"\bchiu trach(?:\s+nhiem)?(?:\s+(?:thi hanh|thuc hien|to chuc)\b|\s*$)")


def _executing_articles(sections: list[ParsedSection], add) -> None:
    for index, section in enumerate(sections):
        if section.appendix:
            continue
        for b, block in enumerate(section.blocks):
            m = _ARTICLE_MARK.match(block.text)
            if m and block.kind == "paragraph" and _ANSWERS_FOR.search(fold(block.text)):
                add(index, b, collapse(block.text[m.end() :]))


# Work already done by its date is told, not set: "- Đã hoàn thành đại hội trước ngày 30/6/2020."
_DONE_BY = re.compile(r"\b(?:da|duoc) (?:hoan thanh|hoan tat|xong|bao cao|gui|nop)\b")


def _deadline_points(sections: list[ParsedSection], add) -> None:
    """With no tasks found otherwise, a "- " point that sets work with its deadline ("Tỉnh, thành
    ủy … chủ trì … xây dựng Đề án … và gửi về Ban Tổ chức Trung ương trước ngày 15/6/2025.") is a
    task wherever it stands (a guide relayed in part, its points under a heading that names no
    work)."""
    for index, section in enumerate(sections):
        if section.appendix:
            continue
        for i, text in _entries(section.blocks):
            block = section.blocks[i]
            deadline = _DEADLINE.search(fold(text)) if block.kind == "bullet" else None
            if deadline and not _DONE_BY.search(fold(text), 0, deadline.end()):
                add(index, i, text)


def _upkeep_tasks(sections: list[ParsedSection], add) -> None:
    for index, section in enumerate(sections):
        if section.appendix:
            continue
        for b, block in enumerate(section.blocks):
            if block.kind == "paragraph" and _UPKEEP.match(fold(block.text)):
                add(index, b, block.text)


# A page's link to the file it relays: "Nội dung công văn …: click xem tại đây.", "Xem chi tiết
# tại đây", "Tải về".
_LINK = re.compile(
    r"(?:\bclick\s+|\bbam\s+|\bnhan\s+)?(?:xem|tai ve)(?:\s+chi\s+tiet)?(?:\s+tai)?\s+day\W*$"
)


def _page_line(text: str) -> bool:
    if len(text) <= _HEADLINE_MAX and _LINK.search(fold(text)):
        return True
    return len(text) <= _HEADLINE_MAX and not ends_with_terminal(text)


def _list_end(blocks: list[ParsedBlock], start: int) -> int:
    """Where the list that a paragraph introduces ends: at the first plain paragraph after its
    entries ("Xem chi tiết tại …", a page's own text after a quoted excerpt)."""
    seen = False
    for i in range(start, len(blocks)):
        if blocks[i].kind == "paragraph":
            if seen:
                return i
        else:
            seen = True
    return len(blocks)
