-- CreateTable
CREATE TABLE "screening_rescreen" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "cases_total" INTEGER,
    "cases_done" INTEGER NOT NULL DEFAULT 0,
    "new_hits" INTEGER NOT NULL DEFAULT 0,
    "new_flagged_hits" INTEGER NOT NULL DEFAULT 0,
    "cases_with_new_hits" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "screening_rescreen_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "screening_rescreen_version_id_key" ON "screening_rescreen"("version_id");

-- CreateIndex
CREATE INDEX "screening_rescreen_status_created_at_idx" ON "screening_rescreen"("status", "created_at");
