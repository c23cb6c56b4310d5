"""Key tasks: their model, lists, editing, deadlines and reports (no Qt).

Task reports ("Báo cáo tình hình thực hiện Kết luận số …" and the periodic report across
documents):

* ``report.document_report(session, document_id, today=…)`` / ``period_report(…)`` →
  ``TaskReport`` (plain values: rows, totals, per-unit counts, the Party-document header);
* ``report_pdf.render_report_pdf(report, profile)`` → bytes: the report's text laid out by the
  document renderer (type BC) followed by the appendix table ("Phụ lục") in the same font and
  margins;
* ``report_xlsx.write_report_xlsx(report, fh)``;
* ``report_export.export_report(report, path, now=…)`` → writes .pdf or .xlsx atomically.
"""
