-- CreateTable
CREATE TABLE "TherapistSearch" (
    "therapistId" TEXT NOT NULL,
    "state" CHAR(2) NOT NULL,
    "licensedUntil" DATE,
    "supervisedUntil" DATE,
    "authorizedUntil" DATE,
    "coveredUntil" DATE NOT NULL,
    "phases" TEXT[],
    "formats" TEXT[],
    "accepting" BOOLEAN NOT NULL,
    "weeklyCapacity" INTEGER NOT NULL,
    "languages" TEXT[],
    "insurancePayers" TEXT[],
    "selfPayRate" INTEGER,
    "slidingScale" BOOLEAN NOT NULL,
    "officeZip" CHAR(5),
    "officeLatitude" DOUBLE PRECISION,
    "officeLongitude" DOUBLE PRECISION,
    "modalities" TEXT[],
    "focusAreas" TEXT[],
    "kapTrainingHours" INTEGER NOT NULL,
    "acceptanceRate" DOUBLE PRECISION,
    "medianResponseHours" DOUBLE PRECISION,
    "freeFromCell" INTEGER NOT NULL,
    "freeCells" bit varying NOT NULL,

    CONSTRAINT "TherapistSearch_pkey" PRIMARY KEY ("state","therapistId")
);

-- CreateIndex
CREATE INDEX "TherapistSearch_state_coveredUntil_idx" ON "TherapistSearch"("state", "coveredUntil");

-- CreateIndex
CREATE INDEX "TherapistSearch_therapistId_idx" ON "TherapistSearch"("therapistId");

-- AddForeignKey
ALTER TABLE "TherapistSearch" ADD CONSTRAINT "TherapistSearch_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "NetworkTally" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "therapists" INTEGER NOT NULL,

    CONSTRAINT "NetworkTally_pkey" PRIMARY KEY ("id")
);

-- The count of therapists, kept by statement-level triggers (COPY and bulk INSERT … SELECT included).
CREATE FUNCTION "tally_therapists"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "NetworkTally" ("id", "therapists") VALUES (1, (SELECT count(*) FROM new_rows))
        ON CONFLICT ("id") DO UPDATE SET "therapists" = "NetworkTally"."therapists" + EXCLUDED."therapists";
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE "NetworkTally" SET "therapists" = "therapists" - (SELECT count(*) FROM old_rows) WHERE "id" = 1;
    ELSE
        DELETE FROM "NetworkTally";
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Therapist_tally_insert" AFTER INSERT ON "Therapist" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tally_therapists"();
CREATE TRIGGER "Therapist_tally_delete" AFTER DELETE ON "Therapist" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "tally_therapists"();
CREATE TRIGGER "Therapist_tally_truncate" AFTER TRUNCATE ON "Therapist" FOR EACH STATEMENT EXECUTE FUNCTION "tally_therapists"();

INSERT INTO "NetworkTally" ("id", "therapists") SELECT 1, count(*) FROM "Therapist";
