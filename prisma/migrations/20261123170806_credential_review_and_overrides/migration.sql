-- AlterTable
ALTER TABLE "License" ADD COLUMN     "expiryNoticeSentAt" TIMESTAMP(3),
ADD COLUMN     "nextCheckDue" DATE,
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "verifiedById" TEXT;

-- AlterTable
ALTER TABLE "Authorization" ADD COLUMN     "expiryNoticeSentAt" TIMESTAMP(3),
ADD COLUMN     "nextCheckDue" DATE,
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "verifiedById" TEXT;

-- CreateTable
CREATE TABLE "AvailabilityOverride" (
    "id" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "startMinute" SMALLINT,
    "endMinute" SMALLINT,

    CONSTRAINT "AvailabilityOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AvailabilityOverride_therapistId_date_idx" ON "AvailabilityOverride"("therapistId", "date");

-- AddForeignKey
ALTER TABLE "AvailabilityOverride" ADD CONSTRAINT "AvailabilityOverride_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hours, or none (a day off); never half a range, never backwards, within the day.
ALTER TABLE "AvailabilityOverride" ADD CONSTRAINT "AvailabilityOverride_hours_check" CHECK (
    ("startMinute" IS NULL AND "endMinute" IS NULL)
    OR ("startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute")
);
