-- CreateTable
CREATE TABLE "kept_form" (
    "token_hash" TEXT NOT NULL,
    "person_tag" TEXT NOT NULL,
    "post_path" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kept_form_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "kept_form_expires_at_idx" ON "kept_form"("expires_at");
