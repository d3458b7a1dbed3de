-- CreateIndex
CREATE INDEX "proposal_reports_idx" ON "proposal"("submitted_at", "status", "decided_at", "department_id", "partner_country", "outcome", "routes", "id");
