-- Trigram matching for screening candidates (pg_trgm ships with PostgreSQL and is loaded
-- into PGlite by src/db/pglite.ts). Trusted: a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "screening_list_version" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "held_reason" TEXT,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "report_date" DATE,
    "entity_count" INTEGER NOT NULL,
    "name_count" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "added_count" INTEGER NOT NULL,
    "changed_count" INTEGER NOT NULL,
    "removed_count" INTEGER NOT NULL,
    "imported_by_id" UUID,
    "imported_by" TEXT NOT NULL,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "screening_list_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_entry" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "primary_name" TEXT NOT NULL,
    "regime" TEXT,
    "sanctions_imposed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "statement_of_reasons" TEXT,
    "other_information" TEXT,
    "designation_source" TEXT,
    "date_designated" DATE,
    "last_updated" DATE,
    "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_version_entry" (
    "version_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "change" TEXT NOT NULL,

    CONSTRAINT "screening_version_entry_pkey" PRIMARY KEY ("version_id","entry_id")
);

-- CreateTable
CREATE TABLE "screening_name" (
    "id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_type" TEXT NOT NULL,
    "alias_strength" TEXT,
    "script" TEXT NOT NULL,
    "script_group" TEXT NOT NULL,
    "normalised" TEXT NOT NULL,
    "match_key" TEXT NOT NULL,

    CONSTRAINT "screening_name_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_run" (
    "id" UUID NOT NULL,
    "proposal_id" UUID,
    "trigger" TEXT NOT NULL,
    "version_ids" TEXT[],
    "subjects" JSONB NOT NULL,
    "hit_count" INTEGER NOT NULL,
    "new_hit_count" INTEGER NOT NULL,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_match" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "subject_name" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "subject_country" TEXT,
    "entry_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "matched_name_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "explanation" JSONB NOT NULL,
    "first_run_id" UUID NOT NULL,
    "last_run_id" UUID NOT NULL,
    "found_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "screening_verdict" (
    "id" UUID NOT NULL,
    "match_id" UUID NOT NULL,
    "verdict" TEXT NOT NULL,
    "note" TEXT,
    "by_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "screening_verdict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "screening_list_version_source_status_number_idx" ON "screening_list_version"("source", "status", "number");

-- CreateIndex
CREATE UNIQUE INDEX "screening_list_version_source_number_key" ON "screening_list_version"("source", "number");

-- CreateIndex
CREATE INDEX "screening_entry_source_external_id_idx" ON "screening_entry"("source", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "screening_entry_source_external_id_content_sha256_key" ON "screening_entry"("source", "external_id", "content_sha256");

-- CreateIndex
CREATE INDEX "screening_version_entry_entry_id_idx" ON "screening_version_entry"("entry_id");

-- CreateIndex
CREATE INDEX "screening_version_entry_version_id_change_idx" ON "screening_version_entry"("version_id", "change");

-- CreateIndex
CREATE INDEX "screening_name_entry_id_idx" ON "screening_name"("entry_id");

-- CreateIndex
CREATE INDEX "screening_name_match_key_trgm" ON "screening_name" USING GIN ("match_key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "screening_run_proposal_id_at_idx" ON "screening_run"("proposal_id", "at");

-- CreateIndex
CREATE INDEX "screening_match_entry_id_idx" ON "screening_match"("entry_id");

-- CreateIndex
CREATE UNIQUE INDEX "screening_match_proposal_id_role_subject_key_entry_id_key" ON "screening_match"("proposal_id", "role", "subject_key", "entry_id");

-- CreateIndex
CREATE INDEX "screening_verdict_match_id_at_idx" ON "screening_verdict"("match_id", "at");

-- AddForeignKey
ALTER TABLE "screening_version_entry" ADD CONSTRAINT "screening_version_entry_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "screening_list_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_version_entry" ADD CONSTRAINT "screening_version_entry_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "screening_entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_name" ADD CONSTRAINT "screening_name_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "screening_entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_match" ADD CONSTRAINT "screening_match_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "screening_entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_match" ADD CONSTRAINT "screening_match_matched_name_id_fkey" FOREIGN KEY ("matched_name_id") REFERENCES "screening_name"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "screening_verdict" ADD CONSTRAINT "screening_verdict_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "screening_match"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Verdicts are a record of who decided what: never changed or removed.
CREATE FUNCTION screening_verdict_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'screening_verdict is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER screening_verdict_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "screening_verdict"
  FOR EACH ROW EXECUTE FUNCTION screening_verdict_is_append_only();
