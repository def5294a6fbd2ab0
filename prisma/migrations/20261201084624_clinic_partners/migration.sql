-- CreateEnum
CREATE TYPE "TherapistStanding" AS ENUM ('partner', 'blocked');

-- CreateTable
CREATE TABLE "ClinicTherapist" (
    "clinicId" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "standing" "TherapistStanding",
    "note" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ClinicTherapist_pkey" PRIMARY KEY ("clinicId","therapistId")
);

-- CreateIndex
CREATE INDEX "ClinicTherapist_clinicId_standing_idx" ON "ClinicTherapist"("clinicId", "standing");

-- AddForeignKey
ALTER TABLE "ClinicTherapist" ADD CONSTRAINT "ClinicTherapist_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClinicTherapist" ADD CONSTRAINT "ClinicTherapist_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

