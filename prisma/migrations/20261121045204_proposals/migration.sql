-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'INFORMATION_REQUESTED', 'DECIDED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "proposal" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "reference" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "department_id" UUID,
    "partner_name" TEXT,
    "partner_country" TEXT,
    "submitted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proposal_submission" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "decision" JSONB NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "submitted_by_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proposal_submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_counter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "reference_counter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "proposal_reference_key" ON "proposal"("reference");

-- CreateIndex
CREATE INDEX "proposal_owner_id_status_idx" ON "proposal"("owner_id", "status");

-- CreateIndex
CREATE INDEX "proposal_status_submitted_at_idx" ON "proposal"("status", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "proposal_submission_proposal_id_number_key" ON "proposal_submission"("proposal_id", "number");

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_submission" ADD CONSTRAINT "proposal_submission_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: a submission (its answers and the rules' decision) is a record and is
-- never changed or deleted; a resubmission is a new row.
CREATE FUNCTION refuse_change_to_record() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER proposal_submission_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "proposal_submission"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
