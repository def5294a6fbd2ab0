-- The search rows again, with their columns in the order matching reads them (docs/performance.md,
-- ADR 0010): PostgreSQL unpacks a row from its first column up to the last one an expression
-- reads, so the fixed-width columns the filters and the score read come first (their places are
-- then known without walking the row), then the variable-width ones in the order the filters
-- read them, and the columns only the directory or the full re-check read last. The same
-- columns, constraints and indexes; the rows are copied as they are (derived data: nothing is
-- lost, and `npm run admin -- rebuild-search` would write the same).
CREATE TABLE "TherapistSearch_ordered" (
    "weeklyCapacity" INTEGER NOT NULL,
    "kapTrainingHours" INTEGER NOT NULL,
    "modalityBits" INTEGER NOT NULL,
    "focusAreaBits" INTEGER NOT NULL,
    "freeFromCell" INTEGER NOT NULL,
    "coveredUntil" DATE NOT NULL,
    "accepting" BOOLEAN NOT NULL,
    "slidingScale" BOOLEAN NOT NULL,
    "licensedUntil" DATE,
    "supervisedUntil" DATE,
    "authorizedUntil" DATE,
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

INSERT INTO "TherapistSearch_ordered" ("weeklyCapacity", "kapTrainingHours", "modalityBits", "focusAreaBits", "freeFromCell", "coveredUntil", "accepting",
	"slidingScale", "licensedUntil", "supervisedUntil", "authorizedUntil", "selfPayRate", "acceptanceRate", "medianResponseHours", "therapistId", "phases",
	"formats", "officeZip", "languages", "insurancePayers", "startCells", "state", "officeLatitude", "officeLongitude", "modalities", "focusAreas")
SELECT "weeklyCapacity", "kapTrainingHours", "modalityBits", "focusAreaBits", "freeFromCell", "coveredUntil", "accepting",
	"slidingScale", "licensedUntil", "supervisedUntil", "authorizedUntil", "selfPayRate", "acceptanceRate", "medianResponseHours", "therapistId", "phases",
	"formats", "officeZip", "languages", "insurancePayers", "startCells", "state", "officeLatitude", "officeLongitude", "modalities", "focusAreas"
FROM "TherapistSearch" ORDER BY "state", "therapistId";

DROP TABLE "TherapistSearch";
ALTER TABLE "TherapistSearch_ordered" RENAME TO "TherapistSearch";
ALTER TABLE "TherapistSearch" ADD CONSTRAINT "TherapistSearch_pkey" PRIMARY KEY ("state", "therapistId");
CREATE INDEX "TherapistSearch_state_coveredUntil_idx" ON "TherapistSearch"("state", "coveredUntil");
CREATE INDEX "TherapistSearch_therapistId_idx" ON "TherapistSearch"("therapistId");
ALTER TABLE "TherapistSearch" ADD CONSTRAINT "TherapistSearch_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TherapistSearch" CLUSTER ON "TherapistSearch_pkey";
