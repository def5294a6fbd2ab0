-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CredentialStatus" ADD VALUE 'suspended';
ALTER TYPE "CredentialStatus" ADD VALUE 'revoked';

-- AlterTable
ALTER TABLE "License" ADD COLUMN     "statusChangedAt" TIMESTAMP(3),
ADD COLUMN     "statusChangedById" TEXT,
ADD COLUMN     "statusReason" TEXT;

-- AlterTable
ALTER TABLE "Authorization" ADD COLUMN     "statusChangedAt" TIMESTAMP(3),
ADD COLUMN     "statusChangedById" TEXT,
ADD COLUMN     "statusReason" TEXT;

-- Backfill: every verified credential gets its next check date, as verification sets it (a year
-- after it was verified, or its expiry if sooner; app/domain/therapists/verification.ts). The
-- network import did not set one before this migration. PostgreSQL's month arithmetic clamps
-- 29 February to 28 February, as nextCheckDue does.
UPDATE "License"
SET "nextCheckDue" = LEAST((COALESCE("verifiedAt", "updatedAt")::date + INTERVAL '12 months')::date, "expiresOn")
WHERE "status" = 'verified' AND "nextCheckDue" IS NULL;

UPDATE "Authorization"
SET "nextCheckDue" = LEAST((COALESCE("verifiedAt", "updatedAt")::date + INTERVAL '12 months')::date, "expiresOn")
WHERE "status" = 'verified' AND "nextCheckDue" IS NULL;
