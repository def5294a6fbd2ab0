-- In person, sessions happen at the therapist's office (docs/product.md §3): each search row says
-- whether its state is the office's ("atOffice") and carries the office state's licence dates, so
-- that one row judges every place a referral's sessions happen. The table is made again with the
-- new columns where matching reads them (ADR 0010: the fixed-width columns first) and left empty:
-- its rows are derived, and the next start (or `npm run admin -- rebuild-search`) writes them all
-- from the therapists' own tables, office states included (they come from the ZIP codes).
DROP TABLE "TherapistSearch";

CREATE TABLE "TherapistSearch" (
    "weeklyCapacity" INTEGER NOT NULL,
    "kapTrainingHours" INTEGER NOT NULL,
    "modalityBits" INTEGER NOT NULL,
    "focusAreaBits" INTEGER NOT NULL,
    "freeFromCell" INTEGER NOT NULL,
    "coveredUntil" DATE NOT NULL,
    "accepting" BOOLEAN NOT NULL,
    "slidingScale" BOOLEAN NOT NULL,
    "atOffice" BOOLEAN NOT NULL,
    "licensedUntil" DATE,
    "supervisedUntil" DATE,
    "authorizedUntil" DATE,
    "officeLicensedUntil" DATE,
    "officeSupervisedUntil" DATE,
    "selfPayRate" INTEGER,
    "acceptanceRate" DOUBLE PRECISION,
    "medianResponseHours" DOUBLE PRECISION,
    "therapistId" TEXT NOT NULL,
    "phases" TEXT[],
    "formats" TEXT[],
    "officeZip" CHAR(5),
    "languages" TEXT[],
    "insurancePayers" TEXT[],
    "startCells" bit varying NOT NULL,
    "state" CHAR(2) NOT NULL,
    "officeLatitude" DOUBLE PRECISION,
    "officeLongitude" DOUBLE PRECISION,
    "modalities" TEXT[],
    "focusAreas" TEXT[]
);

ALTER TABLE "TherapistSearch" ADD CONSTRAINT "TherapistSearch_pkey" PRIMARY KEY ("state", "therapistId");
CREATE INDEX "TherapistSearch_state_coveredUntil_idx" ON "TherapistSearch"("state", "coveredUntil");
CREATE INDEX "TherapistSearch_therapistId_idx" ON "TherapistSearch"("therapistId");
-- In person: the office's own row, found by the office's ZIP.
CREATE INDEX "TherapistSearch_officeZip_atOffice_idx" ON "TherapistSearch"("officeZip") WHERE "atOffice";
ALTER TABLE "TherapistSearch" ADD CONSTRAINT "TherapistSearch_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TherapistSearch" CLUSTER ON "TherapistSearch_pkey";
