-- CreateEnum
CREATE TYPE "SessionPhase" AS ENUM ('preparation', 'in_session', 'integration');

-- CreateEnum
CREATE TYPE "PlannedSessionStatus" AS ENUM ('proposed', 'booked', 'held', 'no_show', 'cancelled');

-- CreateTable
CREATE TABLE "PlannedSession" (
    "id" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "phase" "SessionPhase" NOT NULL,
    "doseIndex" SMALLINT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" "PlannedSessionStatus" NOT NULL DEFAULT 'proposed',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "needsTime" BOOLEAN NOT NULL DEFAULT false,
    "outsideWindow" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlannedSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlannedSession_referralId_startsAt_idx" ON "PlannedSession"("referralId", "startsAt");

-- CreateIndex
CREATE INDEX "PlannedSession_therapistId_status_startsAt_idx" ON "PlannedSession"("therapistId", "status", "startsAt");

-- AddForeignKey
ALTER TABLE "PlannedSession" ADD CONSTRAINT "PlannedSession_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedSession" ADD CONSTRAINT "PlannedSession_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A session ends after it starts, belongs to a dose counted from 1, and its sequence only counts up from 0.
ALTER TABLE "PlannedSession" ADD CONSTRAINT "PlannedSession_times_check" CHECK ("endsAt" > "startsAt");
ALTER TABLE "PlannedSession" ADD CONSTRAINT "PlannedSession_dose_check" CHECK ("doseIndex" >= 1);
ALTER TABLE "PlannedSession" ADD CONSTRAINT "PlannedSession_sequence_check" CHECK ("sequence" >= 0);
