-- The language the patient chose on their page (app/i18n/languages.ts); null until they choose.
ALTER TABLE "ReferralPatient" ADD COLUMN "language" TEXT;
ALTER TABLE "ReferralPatient" ADD CONSTRAINT "ReferralPatient_language_check" CHECK ("language" IN ('en', 'es'));
