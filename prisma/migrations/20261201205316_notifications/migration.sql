-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "proposal_id" UUID,
    "recipient_id" UUID NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "asks_to_act" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "digest_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preference" (
    "user_id" UUID NOT NULL,
    "delivery" TEXT NOT NULL DEFAULT 'immediate',
    "updates" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_preference_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "notification_setting" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "sign_off_days" INTEGER NOT NULL,
    "review_days" INTEGER NOT NULL,
    "information_days" INTEGER NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_setting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notification_idempotency_key_key" ON "notification"("idempotency_key");

-- CreateIndex
CREATE INDEX "notification_status_next_attempt_at_idx" ON "notification"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_recipient_id_status_idx" ON "notification"("recipient_id", "status");

-- CreateIndex
CREATE INDEX "notification_proposal_id_idx" ON "notification"("proposal_id");
