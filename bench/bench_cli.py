"""The command line as a user meets it: each command a fresh process, against its peer in the same run.

    python bench/bench_cli.py [--runs 5] [--no-big] [--only sign,members] [--tree /other/checkout]

| ours                                   | peer (same run, runs taken turn about)             | target |
|----------------------------------------|----------------------------------------------------|--------|
| ketluan --version                      | python -c pass                                     | ≤ 1.5× |
| ketluan export --sample -o x.pdf       | soffice --headless --convert-to pdf (cold process) | ≤ 0.35×|
| ketluan sign 1 --p12 … -o x.pdf        | a bare pyHanko script signing the same PDF         | ≤ 1.5× |
| ketluan sign 1 --seal … -o x.pdf       | the same script signing the signed PDF             | (info) |
| ketluan verify x.pdf --trust ca.pem    | a bare pyHanko script validating it                | ≤ 1.2× |
| ketluan stats --sentence (big database)| the same SQL through the sqlite3 module            | ≤ 8×   |
| ketluan members list (big database)    | the same SQL through the sqlite3 module            | ≤ 8×   |

The demo office serves the signing rows (each ``sign`` run gets a fresh copy of the file, copied
outside the timing). What ``ketluan sign`` does that the peer does not: the first signature has no
PDF to start from (a document is kept as content until it is signed), so it renders the issued
document first (fonts, layout, ReportLab), reads and writes the database (the signature, the
document's state, the audit trail) and draws the signature's stamp; the peer signs a PDF exported
beforehand with pyHanko's default stamp. The ``--seal`` row is the case with a PDF to start from
(the office's seal goes on the stored signed PDF): nothing is rendered there. The big database (bench/bigdb.py, cached) sits in the OS cache for its rows.
LibreOffice's row is skipped, with a line saying so, where ``soffice`` is not installed; its user
profile is made by a first, untimed run, so each timed run is a cold process, not a first start.

Each row also prints the CPU time (user + system) of ours and of the peer, medians of the same
runs: on a shared machine it moves far less with the load than the wall time does.
``--only`` picks rows (version, export, sign, seal, verify, stats, members); ``--tree`` runs the
commands of another checkout (its ``ketluan_desktop`` first on the path), e.g. main against a
branch, with this script's peers and settings.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import benchlib  # noqa: E402
from benchlib import interleaved, load_average, ratio_line  # noqa: E402

PY = sys.executable
KETLUAN = [PY, "-m", "ketluan_desktop.cli"]
SIGNER = "Hoàng Thanh Hải"
ORG = "Đảng ủy Khối các cơ quan tỉnh"
PASSWORD = "mật khẩu thử 123"

PEER_SIGN = r"""
import sys
from pyhanko.sign import fields, signers
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
src, p12, out = sys.argv[1:4]
signer = signers.SimpleSigner.load_pkcs12(p12, passphrase=sys.argv[4].encode())
with open(src, "rb") as fh:
    writer = IncrementalPdfFileWriter(fh)
    fields.append_signature_field(
        writer, fields.SigFieldSpec("Chu ky", on_page=-1, box=(300, 80, 540, 180))
    )
    meta = signers.PdfSignatureMetadata(field_name="Chu ky", subfilter=fields.SigSeedSubFilter.PADES)
    with open(out, "wb") as dst:
        signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=dst)
"""

PEER_VERIFY = r"""
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from asn1crypto import pem, x509
with open(sys.argv[2], "rb") as fh:
    _, _, der = pem.unarmor(fh.read())
vc = ValidationContext(trust_roots=[x509.Certificate.load(der)], allow_fetching=False)
with open(sys.argv[1], "rb") as fh:
    reader = PdfFileReader(fh)
    for sig in reader.embedded_signatures:
        status = validate_pdf_signature(sig, vc)
        print(sig.field_name, status.bottom_line, status.intact, status.trusted)
"""

PEER_STATS = r"""
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = con.execute(
    "SELECT kind, badge_years, reason, count(*) FROM procedure "
    "WHERE counted_on >= ? AND counted_on <= ? AND status IN ('approved', 'completed') "
    "GROUP BY kind, badge_years, reason", (sys.argv[2], sys.argv[3])).fetchall()
counts = {}
for kind, years, reason, n in rows:
    key = f"badge_{years}" if kind == "badge" and years else kind
    counts[key] = counts.get(key, 0) + n
print("; ".join(f"{k} {v:02d}" for k, v in sorted(counts.items())))
"""

PEER_MEMBERS = r"""
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
total = con.execute("SELECT count(*) FROM member").fetchone()[0]
rows = con.execute(
    "SELECT m.id, m.full_name, m.birth_date, m.status, m.card_number, o.name "
    "FROM (SELECT id FROM member ORDER BY name_sort, id LIMIT 50) w JOIN member m ON m.id = w.id "
    "LEFT JOIN organisation o ON o.id = m.organisation_id ORDER BY m.name_sort, m.id").fetchall()
for r in rows:
    print(f"{r[0]:>7}  {r[1]:<30} {r[2] or '':<10}  {r[3]:<16} {r[4] or '':<10}  {r[5] or ''}")
print(f"{len(rows)}/{total}")
"""


ROWS = ("version", "export", "sign", "seal", "verify", "stats", "members")
TREE = ROOT  # whose ketluan_desktop runs (--tree)

# CPU seconds (user + system) of each timed process, in the order they ran
_cpu: list[float] = []


def run_ms(cmd, *, env: dict | None = None, cwd: str | None = None) -> float:
    """``benchlib.run_ms``, noting the process's CPU time too (``measured``); run in the tree
    measured (``python -m`` puts the working folder first on the path)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    ms = benchlib.run_ms(cmd, env=env, cwd=cwd or str(TREE))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return ms


def measured(ours, peer, runs: int) -> tuple[float, float | None, str]:
    """``interleaved``, with a line of the CPU-time medians of ours and the peer's."""
    import statistics

    start = len(_cpu)
    a, b = interleaved(ours, peer, runs)
    cpu = _cpu[start:]
    # ours and the peer taken turn about (the files are copied by shutil, not by a process)
    step = 2 if peer is not None else 1
    mine = statistics.median(cpu[0::step]) * 1000
    line = f"{'':<40} CPU {mine:8.0f} ms"
    if peer is not None:
        theirs = statistics.median(cpu[1::2]) * 1000
        line += f"   peer CPU {theirs:8.0f} ms   CPU ratio {mine / theirs:5.2f}×"
    return a, b, line


def _env(tmp: Path) -> dict:
    env = {**os.environ, "KETLUAN_DATA_DIR": str(tmp / "data"), "KETLUAN_PW": PASSWORD}
    env.pop("KETLUAN_DB", None)
    env["PYTHONPATH"] = str(
        TREE
    )  # the tree measured (this script's unless --tree), installed or not
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed apps run from compiled bytecode
    return env


def _office(tmp: Path, env: dict) -> tuple[Path, Path, Path, Path]:
    """The demo office, a test certificate in the signer's name, the document's PDF, a signed copy."""
    office = tmp / "office.db"
    run_ms([*KETLUAN, "demo", "--db", str(office)], env=env)
    run_ms(
        [
            *KETLUAN,
            "cert",
            "make-test",
            "--name",
            SIGNER,
            "--org",
            ORG,
            "-o",
            str(tmp / "test.p12"),
            "--password-env",
            "KETLUAN_PW",
            "--images",  # test-con-dau.png: the seal's image for the --seal row
        ],
        env=env,
    )
    doc_pdf = tmp / "doc.pdf"
    scratch = tmp / "scratch.db"
    shutil.copyfile(office, scratch)
    run_ms([*KETLUAN, "export", "1", "--db", str(scratch), "-o", str(doc_pdf)], env=env)
    signed = tmp / "signed.pdf"
    shutil.copyfile(office, scratch)  # kept signed: the --seal row starts from it
    run_ms(
        [
            *KETLUAN,
            "sign",
            "1",
            "--db",
            str(scratch),
            "--p12",
            str(tmp / "test.p12"),
            "--password-env",
            "KETLUAN_PW",
            "-o",
            str(signed),
        ],
        env=env,
    )
    return office, tmp / "test.p12", doc_pdf, signed


def _sign_cmd(db: Path, p12: Path, out: Path, *extra: str) -> list[str]:
    return [
        *KETLUAN, "sign", "1", "--db", str(db), "--p12", str(p12),
        "--password-env", "KETLUAN_PW", *extra, "-o", str(out),
    ]  # fmt: skip


def _fresh_copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    for suffix in ("-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    return dst


def bench_small(tmp: Path, env: dict, runs: int, only: set[str]) -> list[str]:
    lines = []
    if "version" in only:
        ours, peer, cpu = measured(
            lambda: run_ms([*KETLUAN, "--version"], env=env),
            lambda: run_ms([PY, "-c", "pass"], env=env),
            runs,
        )
        lines += [ratio_line("ketluan --version", ours, "python -c pass", peer, "≤ 1.5×"), cpu]
        ours, _, cpu = measured(lambda: run_ms([*KETLUAN, "--help"], env=env), None, runs)
        lines += [ratio_line("ketluan --help", ours, "python -c pass", peer), cpu]
    if "export" not in only:
        return lines
    pdf = tmp / "sample.pdf"
    docx = tmp / "sample.docx"
    run_ms([*KETLUAN, "export", "--sample", "-o", str(docx)], env=env)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    lo_cmd = None
    if soffice:
        profile = (tmp / "lo-profile").as_uri()
        lo_cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "lo"),
            str(docx),
        ]
        run_ms(lo_cmd, env=env)  # makes the profile: later runs are cold processes, not first runs
    ours, peer, cpu = measured(
        lambda: run_ms([*KETLUAN, "export", "--sample", "-o", str(pdf)], env=env),
        (lambda: run_ms(lo_cmd, env=env)) if lo_cmd else None,
        runs,
    )
    lines.append(
        ratio_line(
            "ketluan export --sample (PDF)", ours, "soffice --convert-to pdf", peer, "≤ 0.35×"
        )
    )
    lines.append(cpu)
    if lo_cmd is None:
        lines.append("  LibreOffice (soffice) not installed: its peer figure is skipped")
    return lines


def bench_signing(tmp: Path, env: dict, runs: int, only: set[str]) -> list[str]:
    lines: list[str] = []
    if not only & {"sign", "seal", "verify"}:
        return lines
    office, p12, doc_pdf, signed = _office(tmp, env)
    run_db = tmp / "run.db"

    def ours_sign() -> float:
        _fresh_copy(office, run_db)
        return run_ms(_sign_cmd(run_db, p12, tmp / "out.pdf"), env=env)

    if "sign" in only:
        ours, peer, cpu = measured(
            ours_sign,
            lambda: run_ms(
                [PY, "-c", PEER_SIGN, str(doc_pdf), str(p12), str(tmp / "peer.pdf"), PASSWORD],
                env=env,
            ),
            runs,
        )
        lines.append(
            ratio_line("ketluan sign (.p12, demo office)", ours, "bare pyHanko", peer, "≤ 1.5×")
        )
        lines.append(cpu)
    seal_image = str(tmp / "test-con-dau.png")

    def ours_seal() -> float:
        _fresh_copy(tmp / "scratch.db", run_db)
        return run_ms(
            _sign_cmd(run_db, p12, tmp / "sealed.pdf", "--seal", "--seal-image", seal_image),
            env=env,
        )

    if "seal" in only:
        ours, peer, cpu = measured(
            ours_seal,
            lambda: run_ms(
                [PY, "-c", PEER_SIGN, str(signed), str(p12), str(tmp / "peer2.pdf"), PASSWORD],
                env=env,
            ),
            runs,
        )
        lines += [ratio_line("ketluan sign --seal (no render)", ours, "bare pyHanko", peer), cpu]
    if "verify" in only:
        ca = tmp / "test-ca.pem"
        ours, peer, cpu = measured(
            lambda: run_ms(
                [*KETLUAN, "verify", str(signed), "--db", str(office), "--trust", str(ca)], env=env
            ),
            lambda: run_ms([PY, "-c", PEER_VERIFY, str(signed), str(ca)], env=env),
            runs,
        )
        lines += [ratio_line("ketluan verify", ours, "bare pyHanko", peer, "≤ 1.2×"), cpu]
    return lines


def bench_big(env: dict, runs: int, only: set[str]) -> list[str]:
    if not only & {"stats", "members"}:
        return []
    from bigdb import big_db, warm_os_cache

    path = big_db()
    warm_os_cache(path)
    lines = []
    period = ("2026-01-01", "2026-06-30")
    if "stats" in only:
        stats = [*KETLUAN, "stats", "--db", str(path), "--from", period[0], "--to", period[1]]
        ours, peer, cpu = measured(
            lambda: run_ms([*stats, "--sentence"], env=env),
            lambda: run_ms([PY, "-c", PEER_STATS, str(path), *period], env=env),
            runs,
        )
        lines.append(
            ratio_line("ketluan stats --sentence (big)", ours, "raw sqlite3", peer, "≤ 8×")
        )
        lines.append(cpu)
    if "members" in only:
        ours, peer, cpu = measured(
            lambda: run_ms([*KETLUAN, "members", "list", "--db", str(path)], env=env),
            lambda: run_ms([PY, "-c", PEER_MEMBERS, str(path)], env=env),
            runs,
        )
        lines.append(ratio_line("ketluan members list (big)", ours, "raw sqlite3", peer, "≤ 8×"))
        lines.append(cpu)
    return lines


def main() -> int:
    global TREE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-big", action="store_true", help="skip the big-database rows")
    ap.add_argument(
        "--only", default=",".join(ROWS), help=f"rows to run, comma-separated: {','.join(ROWS)}"
    )
    ap.add_argument(
        "--tree", type=Path, default=ROOT, help="the checkout whose ketluan_desktop is measured"
    )
    args = ap.parse_args()
    only = {r.strip() for r in args.only.split(",") if r.strip()}
    if only - set(ROWS):
        ap.error(f"unknown rows: {', '.join(sorted(only - set(ROWS)))} (rows: {', '.join(ROWS)})")
    if args.no_big:
        only -= {"stats", "members"}
    TREE = args.tree.resolve()
    print(f"tree: {TREE}")
    print(f"before: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="ketluan-bench-cli-") as d:
        tmp = Path(d)
        env = _env(tmp)
        run_ms([*KETLUAN, "--version"], env=env)  # compiles the bytecode once, untimed
        lines = bench_small(tmp, env, args.runs, only) + bench_signing(tmp, env, args.runs, only)
        lines += bench_big(env, args.runs, only)
    print(f"medians of {args.runs} fresh processes each, ours and the peer's taken turn about:")
    for line in lines:
        print(line)
    print(f"after: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
