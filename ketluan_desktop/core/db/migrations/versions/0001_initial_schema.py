"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "app_user",
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.Text(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_entity_entity_id"), ["entity", "entity_id"], unique=False
        )

    op.create_table(
        "layout_profile",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_layout_profile")),
        sa.UniqueConstraint("name", name=op.f("uq_layout_profile_name")),
    )
    op.create_table(
        "organisation",
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text(), nullable=True),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("numbering_scheme", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_parent_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_name_folded"), ["name_folded"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organisation_parent_id_position"),
            ["parent_id", "position"],
            unique=False,
        )

    op.create_table(
        "setting",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "trusted_root",
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_root")),
        sa.UniqueConstraint("sha256", name=op.f("uq_trusted_root_sha256")),
    )
    op.create_table(
        "signing_image",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_image")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_signing_image_kind_name")),
    )
    op.create_table(
        "member",
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("name_sort", sa.Text(), nullable=False),
        sa.Column("gender", sa.Text(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("place_of_origin", sa.Text(), nullable=True),
        sa.Column("ethnicity", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Text(), nullable=True),
        sa.Column("agency", sa.Text(), nullable=True),
        sa.Column("card_number", sa.Text(), nullable=True),
        sa.Column("admission_date", sa.Date(), nullable=True),
        sa.Column("first_admission_date", sa.Date(), nullable=True),
        sa.Column("ceremony_date", sa.Date(), nullable=True),
        sa.Column("full_member_date", sa.Date(), nullable=True),
        sa.Column("seriously_ill", sa.Boolean(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cell_id"],
            ["organisation.id"],
            name=op.f("fk_member_cell_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_member_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("card_number", name=op.f("uq_member_card_number")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_name_sort_id_name_folded"),
            ["name_sort", "id", "name_folded"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_member_organisation_id_status_name_sort"),
            ["organisation_id", "status", "name_sort"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_member_status_name_sort_id_name_folded"),
            ["status", "name_sort", "id", "name_folded"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_member_admission_date"), ["admission_date"], unique=False
        )

    op.create_table(
        "number_sequence",
        sa.Column("issuer_org_id", sa.Integer(), nullable=False),
        sa.Column("type_code", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_org_id"],
            ["organisation.id"],
            name=op.f("fk_number_sequence_issuer_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_sequence")),
        sa.UniqueConstraint(
            "issuer_org_id",
            "type_code",
            "scope",
            name=op.f("uq_number_sequence_issuer_org_id_type_code_scope"),
        ),
    )
    op.create_table(
        "org_name_version",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("symbol_code", sa.Text(), nullable=False),
        sa.Column("parent_name", sa.Text(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("office_name", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_org_name_version_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_name_version")),
        sa.UniqueConstraint(
            "organisation_id",
            "valid_from",
            name=op.f("uq_org_name_version_organisation_id_valid_from"),
        ),
    )
    op.create_table(
        "person",
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("name_sort", sa.Text(), nullable=False),
        sa.Column("position", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("committee_role", sa.Text(), nullable=True),
        sa.Column("can_sign", sa.Boolean(), nullable=False),
        sa.Column("signature_title", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_person_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_sort"), ["name_sort"], unique=False)

    op.create_table(
        "term",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_term_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term")),
        sa.UniqueConstraint("organisation_id", "label", name=op.f("uq_term_organisation_id_label")),
    )
    op.create_table(
        "meeting",
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_full", sa.Text(), nullable=True),
        sa.Column("term_id", sa.Integer(), nullable=True),
        sa.Column("term_label", sa.Text(), nullable=True),
        sa.Column("session_number", sa.Integer(), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("chair", sa.Text(), nullable=True),
        sa.Column("secretary", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_meeting_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["term.id"], name=op.f("fk_meeting_term_id_term"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_body_meeting_date"), ["body", "meeting_date"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_meeting_date"), ["meeting_date"], unique=False)

    op.create_table(
        "member_absence",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_member_absence_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_absence")),
    )
    with op.batch_alter_table("member_absence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_absence_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("absence_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_attendance_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "document",
        sa.Column("type_code", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("number_symbol", sa.Text(), nullable=True),
        sa.Column("issuer_org_id", sa.Integer(), nullable=True),
        sa.Column("issuer_name", sa.Text(), nullable=True),
        sa.Column("parent_issuer_name", sa.Text(), nullable=True),
        sa.Column("symbol_code", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("greeting", sa.Text(), nullable=True),
        sa.Column("draft_label", sa.Text(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("term_id", sa.Integer(), nullable=True),
        sa.Column("numbering_scope", sa.Text(), nullable=True),
        sa.Column("signer_authority", sa.Text(), nullable=True),
        sa.Column("signer_title", sa.Text(), nullable=True),
        sa.Column("signer_name", sa.Text(), nullable=True),
        sa.Column("signer_person_id", sa.Integer(), nullable=True),
        sa.Column("layout_profile_id", sa.Integer(), nullable=True),
        sa.Column("layout_snapshot", sa.JSON(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("issued_by", sa.Text(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("file_keeper", sa.Text(), nullable=True),
        sa.Column("copies", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("register_notes", sa.Text(), nullable=True),
        sa.Column("source_filename", sa.Text(), nullable=True),
        sa.Column("source_sha256", sa.Text(), nullable=True),
        sa.Column("autosave", sa.JSON(), nullable=True),
        sa.Column("autosaved_at", sa.DateTime(), nullable=True),
        sa.Column("search_folded", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["issuer_org_id"],
            ["organisation.id"],
            name=op.f("fk_document_issuer_org_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["layout_profile_id"],
            ["layout_profile.id"],
            name=op.f("fk_document_layout_profile_id_layout_profile"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_document_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["document.id"],
            name=op.f("fk_document_replaces_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["signer_person_id"],
            ["person.id"],
            name=op.f("fk_document_signer_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["term.id"], name=op.f("fk_document_term_id_term"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_doc_date"), ["doc_date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_document_issuer_org_id_type_code_numbering_scope_number"),
            ["issuer_org_id", "type_code", "numbering_scope", "number"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_document_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_document_number_symbol"), ["number_symbol"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_source_sha256"), ["source_sha256"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_document_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_type_code"), ["type_code"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_agenda_item_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "cited_document",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("number_symbol", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("name_folded", sa.Text(), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=True),
        sa.Column("issuer", sa.Text(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_cited_document_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cited_document")),
        sa.UniqueConstraint("number_symbol", name=op.f("uq_cited_document_number_symbol")),
    )
    with op.batch_alter_table("cited_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cited_document_name_folded"), ["name_folded"], unique=False
        )

    op.create_table(
        "document_figure",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_figure_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_figure")),
    )
    with op.batch_alter_table("document_figure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_figure_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "document_signature",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("signer_name", sa.Text(), nullable=True),
        sa.Column("certificate_subject", sa.Text(), nullable=True),
        sa.Column("certificate_serial", sa.Text(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_signature_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_signature")),
    )
    with op.batch_alter_table("document_signature", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_signature_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "procedure",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("counted_on", sa.Date(), nullable=True),
        sa.Column("decision_number", sa.Text(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("badge_years", sa.Integer(), nullable=True),
        sa.Column("ceremony_date", sa.Date(), nullable=True),
        sa.Column("card_number", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("travel_from", sa.Date(), nullable=True),
        sa.Column("travel_to", sa.Date(), nullable=True),
        sa.Column("return_report_on", sa.Date(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_procedure_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_procedure_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure")),
    )
    with op.batch_alter_table("procedure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procedure_counted_on_kind_status_badge_years_reason"),
            ["counted_on", "kind", "status", "badge_years", "reason"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_procedure_kind_return_report_on_travel_to"),
            ["kind", "return_report_on", "travel_to"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_procedure_kind_status"), ["kind", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_procedure_member_id"), ["member_id"], unique=False)

    op.create_table(
        "recipient",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_recipient_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recipient")),
    )
    with op.batch_alter_table("recipient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recipient_document_id"), ["document_id"], unique=False)

    op.create_table(
        "section",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=True),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_section_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section")),
    )
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_section_document_id"), ["document_id"], unique=False)

    op.create_table(
        "block",
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("marks", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["section.id"],
            name=op.f("fk_block_section_id_section"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_block")),
    )
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_block_section_id"), ["section_id"], unique=False)

    op.create_table(
        "citation",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("cited_id", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cited_id"],
            ["cited_document.id"],
            name=op.f("fk_citation_cited_id_cited_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_citation_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citation")),
        sa.UniqueConstraint(
            "document_id", "cited_id", name=op.f("uq_citation_document_id_cited_id")
        ),
    )
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citation_cited_id"), ["cited_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_citation_document_id"), ["document_id"], unique=False)

    op.create_table(
        "procedure_step",
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_user", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedure.id"],
            name=op.f("fk_procedure_step_procedure_id_procedure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_step")),
    )
    with op.batch_alter_table("procedure_step", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procedure_step_procedure_id"), ["procedure_id"], unique=False
        )

    op.create_table(
        "task",
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("block_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_folded", sa.Text(), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("deadline_text", sa.Text(), nullable=True),
        sa.Column("reporting_cycle", sa.Text(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("latest_update_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["block_id"], ["block.id"], name=op.f("fk_task_block_id_block"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_task_document_id_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["latest_update_id"],
            ["task_update.id"],
            name=op.f("fk_task_latest_update_id_task_update"),
            ondelete="SET NULL",
            use_alter=True,
        ),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"],
            ["organisation.id"],
            name=op.f("fk_task_lead_unit_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["section.id"],
            name=op.f("fk_task_section_id_section"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("block_id", name=op.f("uq_task_block_id")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_lead_unit_id"), ["lead_unit_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_task_lead_unit_id_status"), ["lead_unit_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_task_status_deadline"), ["status", "deadline"], unique=False
        )

    op.create_table(
        "task_citation",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("cited_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cited_id"],
            ["cited_document.id"],
            name=op.f("fk_task_citation_cited_id_cited_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_citation_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "cited_id", name=op.f("pk_task_citation")),
    )
    op.create_table(
        "task_co_unit",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_task_co_unit_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_co_unit_task_id_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "organisation_id", name=op.f("pk_task_co_unit")),
    )
    op.create_table(
        "task_update",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("update_date", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_task_update_task_id_task"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["organisation.id"],
            name=op.f("fk_task_update_unit_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_update")),
    )
    with op.batch_alter_table("task_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_update_task_id"), ["task_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("task_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_update_task_id"))

    op.drop_table("task_update")
    op.drop_table("task_co_unit")
    op.drop_table("task_citation")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_status_deadline"))
        batch_op.drop_index(batch_op.f("ix_task_lead_unit_id_status"))
        batch_op.drop_index(batch_op.f("ix_task_lead_unit_id"))
        batch_op.drop_index(batch_op.f("ix_task_document_id"))
        batch_op.drop_index(batch_op.f("ix_task_deadline"))

    op.drop_table("task")
    with op.batch_alter_table("procedure_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_step_procedure_id"))

    op.drop_table("procedure_step")
    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citation_document_id"))
        batch_op.drop_index(batch_op.f("ix_citation_cited_id"))

    op.drop_table("citation")
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_block_section_id"))

    op.drop_table("block")
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_section_document_id"))

    op.drop_table("section")
    with op.batch_alter_table("recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recipient_document_id"))

    op.drop_table("recipient")
    with op.batch_alter_table("procedure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_member_id"))
        batch_op.drop_index(batch_op.f("ix_procedure_kind_status"))
        batch_op.drop_index(batch_op.f("ix_procedure_kind_return_report_on_travel_to"))
        batch_op.drop_index(batch_op.f("ix_procedure_counted_on_kind_status_badge_years_reason"))

    op.drop_table("procedure")
    with op.batch_alter_table("document_signature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_signature_document_id"))

    op.drop_table("document_signature")
    with op.batch_alter_table("document_figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_figure_document_id"))

    op.drop_table("document_figure")
    with op.batch_alter_table("cited_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cited_document_name_folded"))

    op.drop_table("cited_document")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_type_code"))
        batch_op.drop_index(batch_op.f("ix_document_status"))
        batch_op.drop_index(batch_op.f("ix_document_source_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_number_symbol"))
        batch_op.drop_index(batch_op.f("ix_document_meeting_id"))
        batch_op.drop_index(
            batch_op.f("ix_document_issuer_org_id_type_code_numbering_scope_number")
        )
        batch_op.drop_index(batch_op.f("ix_document_doc_date"))

    op.drop_table("document")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("member_absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_absence_member_id"))

    op.drop_table("member_absence")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_meeting_date"))
        batch_op.drop_index(batch_op.f("ix_meeting_body_meeting_date"))

    op.drop_table("meeting")
    op.drop_table("term")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_sort"))

    op.drop_table("person")
    op.drop_table("org_name_version")
    op.drop_table("number_sequence")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_admission_date"))
        batch_op.drop_index(batch_op.f("ix_member_status_name_sort_id_name_folded"))
        batch_op.drop_index(batch_op.f("ix_member_organisation_id_status_name_sort"))
        batch_op.drop_index(batch_op.f("ix_member_name_sort_id_name_folded"))

    op.drop_table("member")
    op.drop_table("signing_image")
    op.drop_table("trusted_root")
    op.drop_table("setting")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_parent_id_position"))
        batch_op.drop_index(batch_op.f("ix_organisation_name_folded"))

    op.drop_table("organisation")
    op.drop_table("layout_profile")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
    op.drop_table("app_user")
