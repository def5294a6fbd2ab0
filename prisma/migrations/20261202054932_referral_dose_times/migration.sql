-- Dosing sessions as explicit instants (app/domain/referrals/dosing.ts). Existing referrals keep
-- their series: the first dose and then every cadenceDays in the clinic's calendar at the first
-- dose's wall-clock time, as dosing.ts's expandDoses does (firstDosingAt holds UTC).
ALTER TABLE "Referral"
ADD COLUMN     "doseMinutes" SMALLINT NOT NULL DEFAULT 120,
ADD COLUMN     "dosingSessionsAt" TIMESTAMP(3)[],
ADD COLUMN     "preparationFromHour" SMALLINT NOT NULL DEFAULT 336,
ADD COLUMN     "preparationToHour" SMALLINT NOT NULL DEFAULT 24;

UPDATE "Referral" r SET "dosingSessionsAt" = ARRAY(
	SELECT CASE WHEN i = 0 THEN r."firstDosingAt"
		ELSE ((((r."firstDosingAt" AT TIME ZONE 'UTC') AT TIME ZONE c."timeZone") + make_interval(days => i * r."cadenceDays")) AT TIME ZONE c."timeZone") AT TIME ZONE 'UTC' END
	FROM generate_series(0, r."dosingSessions" - 1) AS i ORDER BY i)
FROM "Clinic" c WHERE c.id = r."clinicId";

ALTER TABLE "Referral" ALTER COLUMN "dosingSessionsAt" SET NOT NULL,
DROP COLUMN "cadenceDays",
DROP COLUMN "dosingSessions",
ADD CONSTRAINT "Referral_dosingSessionsAt_check" CHECK (cardinality("dosingSessionsAt") >= 1 AND "dosingSessionsAt"[1] = "firstDosingAt"),
ADD CONSTRAINT "Referral_doseMinutes_check" CHECK ("doseMinutes" BETWEEN 60 AND 480),
ADD CONSTRAINT "Referral_preparation_check" CHECK ("preparationToHour" >= 0 AND "preparationFromHour" > "preparationToHour");
