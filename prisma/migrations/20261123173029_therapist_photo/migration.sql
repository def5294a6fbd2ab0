-- CreateTable
CREATE TABLE "TherapistPhoto" (
    "therapistId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "base64" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TherapistPhoto_pkey" PRIMARY KEY ("therapistId")
);

-- AddForeignKey
ALTER TABLE "TherapistPhoto" ADD CONSTRAINT "TherapistPhoto_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most 2 MB of image (app/domain/therapists/photo.ts), as base64.
ALTER TABLE "TherapistPhoto" ADD CONSTRAINT "TherapistPhoto_size_check" CHECK (length("base64") <= 2796204);
ALTER TABLE "TherapistPhoto" ADD CONSTRAINT "TherapistPhoto_type_check" CHECK ("type" IN ('image/jpeg', 'image/png', 'image/webp'));
