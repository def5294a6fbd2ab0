-- A draft may be incomplete: the facts posting needs become nullable, and an incomplete series keeps
-- the count and cadence given so far. A referral that is, or once was, posted must have them all: a
-- draft, or a draft cancelled before it was ever posted, is the only exception.
-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "draftCadenceDays" SMALLINT,
ADD COLUMN     "draftDoseCount" SMALLINT,
ALTER COLUMN "patientState" DROP NOT NULL,
ALTER COLUMN "ageBand" DROP NOT NULL,
ALTER COLUMN "format" DROP NOT NULL,
ALTER COLUMN "paymentType" DROP NOT NULL,
ALTER COLUMN "firstDosingAt" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ReferralPatient" ALTER COLUMN "firstName" DROP NOT NULL,
ALTER COLUMN "lastName" DROP NOT NULL,
ALTER COLUMN "email" DROP NOT NULL,
ALTER COLUMN "birthDate" DROP NOT NULL;


-- The first dose is the list's first; a draft whose series is incomplete has no list yet (and may
-- have the first dose alone).
ALTER TABLE "Referral" DROP CONSTRAINT "Referral_dosingSessionsAt_check",
ADD CONSTRAINT "Referral_dosingSessionsAt_check" CHECK (cardinality("dosingSessionsAt") = 0 OR ("firstDosingAt" IS NOT NULL AND "dosingSessionsAt"[1] = "firstDosingAt")),
ADD CONSTRAINT "Referral_posted_complete_check" CHECK (
	"status" = 'draft'
	OR ("status" = 'cancelled' AND "postedAt" IS NULL)
	OR (
		"patientState" IS NOT NULL AND "ageBand" IS NOT NULL AND "format" IS NOT NULL AND "paymentType" IS NOT NULL
		AND ("paymentType" <> 'insurance' OR "payer" IS NOT NULL)
		AND cardinality("phases") >= 1
		AND "firstDosingAt" IS NOT NULL AND cardinality("dosingSessionsAt") >= 1
		AND "draftDoseCount" IS NULL AND "draftCadenceDays" IS NULL
	)
);

-- The same for the patient's identity, which lives in another table, out of a CHECK's sight: a
-- referral leaves draft only with a complete patient (when it has one), and a posted referral's
-- patient cannot lose a required field.
CREATE FUNCTION "referral_patient_complete"() RETURNS trigger AS $$
BEGIN
	IF TG_TABLE_NAME = 'Referral' THEN
		IF NEW."status" <> 'draft' AND NOT (NEW."status" = 'cancelled' AND NEW."postedAt" IS NULL) AND EXISTS (
			SELECT 1 FROM "ReferralPatient" p WHERE p."referralId" = NEW."id"
			AND (p."firstName" IS NULL OR p."lastName" IS NULL OR p."email" IS NULL OR p."birthDate" IS NULL)
		) THEN
			RAISE EXCEPTION 'A posted referral needs the patient''s first and last name, email and date of birth (referral %).', NEW."id" USING ERRCODE = 'check_violation';
		END IF;
	ELSIF (NEW."firstName" IS NULL OR NEW."lastName" IS NULL OR NEW."email" IS NULL OR NEW."birthDate" IS NULL) AND EXISTS (
		SELECT 1 FROM "Referral" r WHERE r."id" = NEW."referralId" AND r."status" <> 'draft' AND NOT (r."status" = 'cancelled' AND r."postedAt" IS NULL)
	) THEN
		RAISE EXCEPTION 'A posted referral needs the patient''s first and last name, email and date of birth (referral %).', NEW."referralId" USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Referral_patient_complete" BEFORE INSERT OR UPDATE OF "status" ON "Referral" FOR EACH ROW EXECUTE FUNCTION "referral_patient_complete"();
CREATE TRIGGER "ReferralPatient_complete" BEFORE INSERT OR UPDATE ON "ReferralPatient" FOR EACH ROW EXECUTE FUNCTION "referral_patient_complete"();
