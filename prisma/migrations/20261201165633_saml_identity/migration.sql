-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "affiliations" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "saml_identity" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "name_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saml_identity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saml_identity_issuer_name_id_key" ON "saml_identity"("issuer", "name_id");

-- CreateIndex
CREATE UNIQUE INDEX "saml_identity_user_id_issuer_key" ON "saml_identity"("user_id", "issuer");

-- AddForeignKey
ALTER TABLE "saml_identity" ADD CONSTRAINT "saml_identity_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
