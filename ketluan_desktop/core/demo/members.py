"""Invented Party members whose procedure records add up to the figures of the sample conclusion.

First half of 2024: 394 political-standard conclusions, 73 admissions, 68 conversions to full
membership, one 40-year and seven 30-year badges, 69 new cards, 4 reissued lost cards and 85 approvals
to travel abroad. Other periods get their own records, so date ranges can be told apart, and a few
recent cases give the reminders something to show.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from ketluan_desktop.core.members.models import (
    Member,
    MemberAbsence,
    MemberStatus,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    ProcedureStep,
)
from ketluan_desktop.core.org.models import Organisation
from ketluan_desktop.core.workdays import add_months, add_working_days

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đỗ",
    "Bùi",
    "Đặng",
    "Ngô",
    "Dương",
    "Lương",
    "Ma",
    "Nông",
    "Triệu",
    "Hà",
    "Phan",
    "Lý",
    "Đào",
    "Trịnh",
    "Đinh",
    "Mạc",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thế", "Xuân", "Mạnh", "Tiến", "Công", "Trọng"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Hồng", "Thanh", "Kim", "Thúy", "Phương", "Diệu", "Bích"]
GIVEN_M = [
    "Hải",
    "Tuấn",
    "Hùng",
    "Dũng",
    "Cường",
    "Thắng",
    "Long",
    "Sơn",
    "Tùng",
    "Việt",
    "Đức",
    "Nghĩa",
    "Bình",
    "Trường",
    "Khánh",
    "Lộc",
    "Phúc",
    "Quý",
    "Hiếu",
    "Lực",
    "Kiên",
    "Toản",
    "Vượng",
    "Hưởng",
    "Thịnh",
    "Quỳnh",
    "Ưng",
    "Đạt",
    "Tiến",
    "Khải",
]
GIVEN_F = [
    "Hương",
    "Lan",
    "Hà",
    "Nga",
    "Thảo",
    "Trang",
    "Hạnh",
    "Phương",
    "Yến",
    "Huyền",
    "Oanh",
    "Ánh",
    "Tâm",
    "Ngân",
    "Thủy",
    "Dung",
    "Loan",
    "Nhung",
    "Liễu",
    "Mỹ",
    "Ngọc",
    "Duyên",
    "Thơm",
    "Nguyệt",
    "Hằng",
    "Trinh",
    "Xuân",
    "Ưu",
    "Lụa",
    "Thoa",
]
ETHNIC = ["Kinh"] * 14 + ["Tày", "Tày", "Nùng", "Dao", "Sán Dìu", "Sán Chay", "Mông"]
PLACES = [
    "Phú Lương, Thái Nguyên",
    "Đại Từ, Thái Nguyên",
    "Định Hóa, Thái Nguyên",
    "Võ Nhai, Thái Nguyên",
    "Đồng Hỷ, Thái Nguyên",
    "Phổ Yên, Thái Nguyên",
    "Phú Bình, Thái Nguyên",
    "Sông Công, Thái Nguyên",
    "Chợ Mới, Bắc Kạn",
    "Yên Thế, Bắc Giang",
    "Lập Thạch, Vĩnh Phúc",
    "Kim Sơn, Ninh Bình",
    "Nam Trực, Nam Định",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Kế toán viên",
    "Thanh tra viên",
    "Kiểm soát viên",
    "Văn thư",
    "Chuyên viên",
    "Cán sự",
]
STANDARD_PURPOSES = ["bổ nhiệm", "quy hoạch", "cử đi học", "đi nước ngoài", "bổ nhiệm lại"]
TRAVEL_PURPOSES = ["tham quan", "học tập", "công tác"]
COUNTRIES = [
    "Nhật Bản",
    "Hàn Quốc",
    "Trung Quốc",
    "Singapore",
    "Thái Lan",
    "Lào",
    "Campuchia",
    "Pháp",
    "Đức",
    "Úc",
    "Hoa Kỳ",
    "Liên bang Nga",
    "Malaysia",
]

H1_2024 = (date(2024, 1, 1), date(2024, 6, 30))
AWARD_OCCASIONS = ((2, 3), (5, 19), (9, 2), (11, 7))


class Generator:
    def __init__(self, session: Session, units: dict[str, Organisation], now: datetime) -> None:
        self.s = session
        self.rng = random.Random(19)
        self.now = now
        self.today = now.date()
        self.grassroots = [u for k, u in units.items() if k.startswith("Đảng bộ") and "/" not in k]
        self.grassroots += [u for k, u in units.items() if k.startswith("Chi bộ") and "/" not in k]
        self.cells = {
            g.id: [u for k, u in units.items() if k.startswith(g.name + "/")]
            for g in self.grassroots
        }
        self.card_seq = 48_010_000
        self.used_names: set[str] = set()

    # -- people --------------------------------------------------------------------------------
    def _name(self, female: bool) -> str:
        for _ in range(50):
            middle = self.rng.choice(MIDDLE_F if female else MIDDLE_M)
            given = self.rng.choice(GIVEN_F if female else GIVEN_M)
            name = f"{self.rng.choice(FAMILY)} {middle} {given}"
            if self.rng.random() < 0.2:
                name = f"{self.rng.choice(FAMILY)} {middle} {self.rng.choice(MIDDLE_F if female else MIDDLE_M)} {given}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        return name

    def _card(self) -> str:
        self.card_seq += self.rng.randint(1, 40)
        return str(self.card_seq)

    def member(
        self,
        status: MemberStatus,
        admission: date | None,
        *,
        full: date | None = None,
        card: bool = True,
        age_at: date | None = None,
        ceremony: date | None = None,
    ) -> Member:
        if ceremony is None and admission is not None and status is MemberStatus.FULL:
            # Ceremony a fortnight after the decision; full membership 12 months after it.
            ceremony = add_working_days(admission, 10)
            if full == add_months(admission, 12):
                full = add_months(ceremony, 12)
        female = self.rng.random() < 0.45
        ref = admission or age_at or self.today
        age = self.rng.randint(24, 45) if admission is None or admission.year > 2000 else 30
        birth = date(ref.year - age, self.rng.randint(1, 12), self.rng.randint(1, 28))
        org = self.rng.choice(self.grassroots)
        cells = self.cells.get(org.id) or []
        m = Member(
            full_name=self._name(female),
            gender="Nữ" if female else "Nam",
            birth_date=birth,
            place_of_origin=self.rng.choice(PLACES),
            ethnicity=self.rng.choice(ETHNIC),
            organisation_id=org.id,
            cell_id=self.rng.choice(cells).id if cells else None,
            position=self.rng.choice(POSITIONS),
            agency=org.name.removeprefix("Đảng bộ ").removeprefix("Chi bộ "),
            admission_date=admission,
            ceremony_date=ceremony,
            full_member_date=full,
            status=status.value,
            card_number=self._card() if card and status is MemberStatus.FULL else None,
            created_at=self.now,
            updated_at=self.now,
        )
        self.s.add(m)
        return m

    # -- procedures ----------------------------------------------------------------------------
    def _day_in(self, start: date, end: date) -> date:
        d = start + timedelta(days=self.rng.randint(0, (end - start).days))
        while d.weekday() >= 5:
            d -= timedelta(days=1)
        return max(d, start) if d >= start else start

    def procedure(
        self,
        kind: ProcedureKind,
        member: Member | None,
        decided: date,
        *,
        status: ProcedureStatus = ProcedureStatus.COMPLETED,
        **fields,
    ) -> Procedure:
        received = add_working_days(decided, -self.rng.randint(5, 15))
        p = Procedure(
            kind=kind.value,
            member=member,
            status=status.value,
            received_on=received,
            decided_on=decided
            if status
            in (ProcedureStatus.APPROVED, ProcedureStatus.COMPLETED, ProcedureStatus.REJECTED)
            else None,
            completed_on=decided if status is ProcedureStatus.COMPLETED else None,
            counted_on=decided
            if status in (ProcedureStatus.APPROVED, ProcedureStatus.COMPLETED)
            else None,
            created_at=self.now,
            updated_at=self.now,
            **fields,
        )
        steps = [ProcedureStatus.RECEIVED]
        if status is not ProcedureStatus.RECEIVED:
            steps.append(ProcedureStatus.PROCESSING)
        if status in (ProcedureStatus.APPROVED, ProcedureStatus.COMPLETED):
            steps.append(ProcedureStatus.APPROVED)
        if status is ProcedureStatus.COMPLETED:
            steps.append(ProcedureStatus.COMPLETED)
        if status is ProcedureStatus.REJECTED:
            steps.append(ProcedureStatus.REJECTED)
        for i, st in enumerate(steps):
            on = received if i == 0 else (decided if i >= 2 else add_working_days(received, 2))
            p.steps.append(
                ProcedureStep(status=st.value, on_date=on, at=_at(on, 8 + i), by_user="vanphong")
            )
        self.s.add(p)
        return p

    def political_standard(
        self, members: Iterable[Member], period: tuple[date, date], purpose=None
    ):
        for m in members:
            when = self._day_in(*period)
            self.procedure(
                ProcedureKind.POLITICAL_STANDARD,
                m,
                when,
                reason=purpose or self.rng.choice(STANDARD_PURPOSES),
                decision_number=f"{self.rng.randint(100, 999)}-KL/ĐUK",
                decision_date=when,
            )

    def admission(self, m: Member, decided: date, *, ceremony: date | None) -> None:
        m.ceremony_date = ceremony
        self.procedure(
            ProcedureKind.ADMISSION,
            m,
            decided,
            decision_number=f"{self.rng.randint(100, 1500)}-QĐ/ĐUK",
            decision_date=decided,
            ceremony_date=ceremony,
        )

    def official(self, m: Member, decided: date) -> None:
        self.procedure(
            ProcedureKind.OFFICIAL_MEMBERSHIP,
            m,
            decided,
            decision_number=f"{self.rng.randint(100, 1500)}-QĐ/ĐUK",
            decision_date=decided,
        )

    def card_new(self, m: Member, issued: date) -> None:
        if not m.card_number:
            m.card_number = self._card()
        self.procedure(ProcedureKind.CARD_NEW, m, issued, card_number=m.card_number)

    def card_reissue(self, m: Member, issued: date, reason: str = "mất") -> None:
        m.card_number = self._card()
        self.procedure(
            ProcedureKind.CARD_REISSUE,
            m,
            issued,
            reason=reason,
            card_number=m.card_number,
            details={"reported_on": add_working_days(issued, -12).isoformat()},
        )

    def badge(self, m: Member, years: int, awarded: date) -> None:
        self.procedure(
            ProcedureKind.BADGE,
            m,
            awarded,
            badge_years=years,
            decision_number=f"{self.rng.randint(100, 999)}-QĐ/TU",
            decision_date=awarded,
        )

    def travel(
        self,
        m: Member,
        approved: date,
        *,
        report: bool = True,
        status: ProcedureStatus = ProcedureStatus.COMPLETED,
    ) -> Procedure:
        out = add_working_days(approved, self.rng.randint(5, 20))
        back = out + timedelta(days=self.rng.randint(4, 14))
        countries = self.rng.sample(COUNTRIES, self.rng.randint(1, 2))
        return self.procedure(
            ProcedureKind.TRAVEL_ABROAD,
            m,
            approved,
            status=status,
            reason=self.rng.choice(TRAVEL_PURPOSES),
            travel_from=out,
            travel_to=back,
            return_report_on=add_working_days(back, self.rng.randint(1, 6)) if report else None,
            decision_number=f"{self.rng.randint(100, 2000)}-CV/ĐUK",
            decision_date=approved,
            details={"countries": countries},
        )


def _at(d: date, hour: int) -> datetime:
    from datetime import UTC

    return datetime.combine(d, time(hour, 0)).replace(tzinfo=UTC)


def _occasion(year: int, idx: int) -> date:
    m, d = AWARD_OCCASIONS[idx]
    return date(year, m, d)


def build(session: Session, units: dict[str, Organisation], now: datetime) -> None:
    g = Generator(session, units, now)
    rng = g.rng
    h1_start, h1_end = H1_2024

    # A pool of full members admitted over the decades.
    pool = []
    for _ in range(420):
        adm = date(rng.randint(1985, 2021), rng.randint(1, 12), rng.randint(1, 28))
        pool.append(g.member(MemberStatus.FULL, adm, full=add_months(adm, 12)))

    _converted_in_h1_2024(g, rng, session, h1_start, h1_end)

    _admitted_in_h1_2024(g, rng, session, h1_start, pool)

    # Badges of H1 2024: one 40-year (admitted 1984) and seven 30-year (admitted 1994).
    veteran = g.member(MemberStatus.FULL, date(1984, 1, 18), full=date(1985, 1, 20))
    g.badge(veteran, 40, _occasion(2024, 0))
    for i in range(7):
        adm = date(1994, rng.choice([1, 2, 3, 4, 5]), rng.randint(1, 28))
        m = g.member(MemberStatus.FULL, adm, full=add_months(adm, 12))
        g.badge(m, 30, _occasion(2024, 0 if i < 4 else 1))

    # Four lost cards reissued in H1 2024.
    for m in rng.sample(pool, 4):
        g.card_reissue(m, g._day_in(h1_start, h1_end), "mất")

    # 85 approvals to travel abroad in H1 2024.
    for m in [rng.choice(pool) for _ in range(85)]:
        g.travel(m, g._day_in(h1_start, h1_end))

    # Other periods, so a range really selects.
    g.political_standard(rng.sample(pool, 120), (date(2023, 7, 1), date(2023, 12, 29)))
    g.political_standard(rng.sample(pool, 150), (date(2024, 7, 1), date(2024, 12, 31)))
    for m in rng.sample(pool, 40):
        g.travel(m, g._day_in(date(2023, 7, 3), date(2023, 12, 29)))
    for m in rng.sample(pool, 52):
        g.travel(m, g._day_in(date(2024, 7, 1), date(2024, 12, 31)))
    for i in range(3):
        adm = date(1994, 8, 10 + i)
        g.badge(g.member(MemberStatus.FULL, adm, full=add_months(adm, 12)), 30, _occasion(2024, 2))
    g.card_reissue(rng.choice(pool), date(2024, 10, 14), "hư hỏng")
    # One rejected and some still open: they never count in the figures.
    g.travel(rng.choice(pool), date(2024, 3, 12), status=ProcedureStatus.REJECTED, report=False)

    _recent(g, pool)
    session.flush()


def _converted_in_h1_2024(
    g: Generator, rng: random.Random, session: Session, h1_start: date, h1_end: date
) -> None:
    """Admitted in H1 2023, made full members with new cards in H1 2024."""
    # Admitted in H1 2023, made full members in H1 2024 (68), new cards in H1 2024 (69 with one
    # transferred-in member whose card had never been issued).
    converted = []
    for _ in range(68):
        adm = g._day_in(date(2023, 1, 3), date(2023, 6, 20))
        ceremony = add_working_days(adm, rng.randint(5, 25))
        full = add_months(ceremony, 12)
        m = g.member(MemberStatus.FULL, adm, full=full, card=False)
        g.admission(m, adm, ceremony=ceremony)
        converted.append((m, full))
    session.flush()
    for m, full in converted:
        decided = max(min(add_working_days(full, rng.randint(3, 20)), h1_end), h1_start)
        g.official(m, decided)
        g.card_new(m, min(add_working_days(decided, rng.randint(5, 15)), h1_end))
    transferred_in = g.member(
        MemberStatus.FULL, date(2019, 3, 12), full=date(2020, 3, 20), card=False
    )
    g.card_new(transferred_in, date(2024, 4, 22))


def _admitted_in_h1_2024(
    g: Generator, rng: random.Random, session: Session, h1_start: date, pool: list[Member]
) -> None:
    """Admitted in H1 2024 after the political-standard check; converted in 2025."""
    # Admitted in H1 2024 (73): checked first (political standard), converted in 2025.
    admitted_2024 = []
    for _ in range(73):
        adm = g._day_in(h1_start, date(2024, 6, 25))
        ceremony = add_working_days(adm, rng.randint(5, 25))
        full = add_months(ceremony, 12)
        m = g.member(MemberStatus.FULL, adm, full=full, card=False)
        g.admission(m, adm, ceremony=ceremony)
        admitted_2024.append((m, adm, full))
    session.flush()
    for m, adm, _full in admitted_2024:
        # Their political-standard check came a few weeks before the decision (kept inside H1 2024:
        # the conclusion counts all 73 among the 394).
        g.procedure(
            ProcedureKind.POLITICAL_STANDARD,
            m,
            max(add_working_days(adm, -15), h1_start),
            reason="kết nạp đảng",
            decision_number=f"{rng.randint(100, 999)}-KL/ĐUK",
        )
    for m, _adm, full in admitted_2024:
        decided = add_working_days(full, rng.randint(3, 20))
        if decided <= g.today:
            g.official(m, decided)
            g.card_new(m, add_working_days(decided, rng.randint(5, 15)))
    # 394 political-standard conclusions in H1 2024: 73 above plus 321 for other purposes.
    g.political_standard(rng.sample(pool, 321), H1_2024)


def _recent(g: Generator, pool: list[Member]) -> None:
    """Cases relative to today, so the reminders on the dashboard have something to say."""
    rng, today = g.rng, g.today
    _recent_probation(g, today)
    # Back from abroad more than 7 working days ago, no return report.
    for k in (20, 35, 48):
        p = g.travel(
            rng.choice(pool),
            today - timedelta(days=k + 30),
            report=False,
            status=ProcedureStatus.APPROVED,
        )
        p.travel_from = today - timedelta(days=k + 10)
        p.travel_to = today - timedelta(days=k)
    # Cards reported lost, not yet reissued.
    for k in (12, 40):
        m = rng.choice(pool)
        g.procedure(
            ProcedureKind.CARD_REISSUE,
            m,
            today - timedelta(days=k),
            status=ProcedureStatus.PROCESSING,
            reason="mất",
            details={"reported_on": (today - timedelta(days=k)).isoformat()},
        )
    # Candidates (quần chúng ưu tú) being checked and one whose admission file just arrived.
    for i in range(3):
        c = g.member(MemberStatus.CANDIDATE, None, card=False, age_at=today)
        g.procedure(
            ProcedureKind.POLITICAL_STANDARD,
            c,
            today - timedelta(days=6 + i),
            status=ProcedureStatus.PROCESSING if i else ProcedureStatus.RECEIVED,
            reason="kết nạp đảng",
        )
    c = g.member(MemberStatus.CANDIDATE, None, card=False, age_at=today)
    g.procedure(
        ProcedureKind.ADMISSION, c, today - timedelta(days=4), status=ProcedureStatus.RECEIVED
    )
    _recent_badge_and_readmission(g, today)
    # Abroad now, and back two days ago (the report is not due yet).
    p = g.travel(
        rng.choice(pool), today - timedelta(days=20), report=False, status=ProcedureStatus.APPROVED
    )
    p.travel_from, p.travel_to = today - timedelta(days=5), today + timedelta(days=6)
    p = g.travel(
        rng.choice(pool), today - timedelta(days=25), report=False, status=ProcedureStatus.APPROVED
    )
    p.travel_from, p.travel_to = today - timedelta(days=9), today - timedelta(days=2)
    # Open procedures in the office's hands today.
    for _ in range(4):
        g.procedure(
            ProcedureKind.POLITICAL_STANDARD,
            rng.choice(pool),
            today - timedelta(days=3),
            status=ProcedureStatus.RECEIVED,
            reason="bổ nhiệm",
        )


def _recent_probation(g: Generator, today: date) -> None:
    """Probation ending soon or overdue, and ceremonies not held in time."""
    # Probationary members whose 12 months end within the next weeks.
    for k in (3, 9, 17, 24, 28):
        ceremony = add_months(today, -12) + timedelta(days=k)
        adm = add_working_days(ceremony, -10)
        m = g.member(MemberStatus.PROBATIONARY, adm)
        g.admission(m, adm, ceremony=ceremony)
    # Past the 12 months without a decision for too long.
    for k in (75, 90):
        ceremony = add_months(today, -12) - timedelta(days=k)
        adm = add_working_days(ceremony, -8)
        m = g.member(MemberStatus.PROBATIONARY, adm)
        g.admission(m, adm, ceremony=ceremony)
    # Admitted, ceremony not held within 30 working days.
    for k in (55, 70):
        adm = today - timedelta(days=k)
        m = g.member(MemberStatus.PROBATIONARY, adm)
        g.admission(m, adm, ceremony=None)


def _recent_badge_and_readmission(g: Generator, today: date) -> None:
    """A seriously ill member due an early badge, and a re-admitted member."""
    # A seriously ill member who may receive the 50-year badge early, at the next occasion.
    nxt = next(
        date(y, m, d)
        for y in (today.year, today.year + 1)
        for m, d in AWARD_OCCASIONS
        if date(y, m, d) >= today
    )
    adm = add_months(add_months(nxt, 5), -12 * 50)
    ill = g.member(MemberStatus.FULL, adm, full=add_months(adm, 12))
    ill.seriously_ill = True
    # Re-admitted: Party age from the first decision, less the three years outside the Party.
    back = g.member(MemberStatus.FULL, date(1999, 6, 2), full=date(2000, 6, 10))
    back.first_admission_date = date(1991, 5, 10)
    back.absences.append(MemberAbsence(start_date=date(1996, 3, 1), end_date=date(1999, 6, 2)))
