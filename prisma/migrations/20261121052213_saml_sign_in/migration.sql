-- CreateTable
CREATE TABLE "saml_request" (
    "id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saml_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saml_assertion" (
    "id" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saml_assertion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saml_request_created_at_idx" ON "saml_request"("created_at");

-- CreateIndex
CREATE INDEX "saml_assertion_expires_at_idx" ON "saml_assertion"("expires_at");
