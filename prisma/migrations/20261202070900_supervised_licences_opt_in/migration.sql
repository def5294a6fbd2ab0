-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "acceptSupervisedByDefault" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "acceptSupervised" BOOLEAN NOT NULL DEFAULT false;

