-- CreateEnum
CREATE TYPE "LicenseType" AS ENUM ('lpc', 'lmhc', 'lcpc', 'lcmhc', 'lcsw', 'licsw', 'lisw', 'lmft', 'psychologist', 'pmhnp', 'lpc_associate', 'lmsw', 'lmft_associate');

-- CreateEnum
CREATE TYPE "CredentialStatus" AS ENUM ('pending', 'verified', 'rejected');

-- CreateEnum
CREATE TYPE "AuthorizationKind" AS ENUM ('psypact_apit', 'counseling_privilege', 'state_telehealth');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('draft', 'open', 'shortlisted', 'matched', 'scheduled', 'in_care', 'completed', 'cancelled', 'unfilled');

-- CreateEnum
CREATE TYPE "ReferralFormat" AS ENUM ('telehealth', 'in_person', 'either');

-- CreateEnum
CREATE TYPE "PaymentType" AS ENUM ('insurance', 'self_pay');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('routine', 'urgent');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('pending', 'accepted', 'declined', 'expired', 'withdrawn', 'chosen', 'released', 'retracted');

-- CreateTable
CREATE TABLE "Compact" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuing" BOOLEAN NOT NULL,
    "asOf" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "notes" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Compact_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "CompactMember" (
    "compactSlug" TEXT NOT NULL,
    "state" CHAR(2) NOT NULL,
    "asOf" DATE NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "CompactMember_pkey" PRIMARY KEY ("compactSlug","state")
);

-- CreateTable
CREATE TABLE "Clinic" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" CHAR(2) NOT NULL,
    "city" TEXT NOT NULL,
    "zip" CHAR(5) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Clinic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Therapist" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "pronouns" TEXT,
    "credentials" TEXT NOT NULL,
    "bio" TEXT NOT NULL DEFAULT '',
    "timeZone" TEXT NOT NULL,
    "phases" TEXT[],
    "formats" TEXT[],
    "modalities" TEXT[],
    "focusAreas" TEXT[],
    "languages" TEXT[],
    "insurancePayers" TEXT[],
    "selfPayRate" INTEGER,
    "slidingScale" BOOLEAN NOT NULL DEFAULT false,
    "officeZip" CHAR(5),
    "weeklyCapacity" INTEGER NOT NULL,
    "accepting" BOOLEAN NOT NULL DEFAULT true,
    "kapTrainingHours" INTEGER NOT NULL DEFAULT 0,
    "kapProgram" TEXT,
    "kapYear" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Therapist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "License" (
    "id" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "state" CHAR(2) NOT NULL,
    "type" "LicenseType" NOT NULL,
    "number" TEXT NOT NULL,
    "expiresOn" DATE NOT NULL,
    "status" "CredentialStatus" NOT NULL DEFAULT 'pending',
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "License_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Authorization" (
    "id" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "kind" "AuthorizationKind" NOT NULL,
    "homeState" CHAR(2) NOT NULL,
    "states" TEXT[],
    "expiresOn" DATE NOT NULL,
    "status" "CredentialStatus" NOT NULL DEFAULT 'pending',
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Authorization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilityRule" (
    "id" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "dayOfWeek" SMALLINT NOT NULL,
    "startMinute" SMALLINT NOT NULL,
    "endMinute" SMALLINT NOT NULL,

    CONSTRAINT "AvailabilityRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'draft',
    "patientState" CHAR(2) NOT NULL,
    "ageBand" TEXT NOT NULL,
    "phases" TEXT[],
    "format" "ReferralFormat" NOT NULL,
    "modalities" TEXT[],
    "focusAreas" TEXT[],
    "languages" TEXT[],
    "paymentType" "PaymentType" NOT NULL,
    "payer" TEXT,
    "maxRate" INTEGER,
    "urgency" "Urgency" NOT NULL DEFAULT 'routine',
    "firstDosingAt" TIMESTAMP(3) NOT NULL,
    "dosingSessions" SMALLINT NOT NULL,
    "cadenceDays" SMALLINT NOT NULL,
    "integrationFromHour" SMALLINT NOT NULL DEFAULT 24,
    "integrationToHour" SMALLINT NOT NULL DEFAULT 72,
    "timingRequired" BOOLEAN NOT NULL DEFAULT false,
    "radiusMiles" SMALLINT NOT NULL DEFAULT 25,
    "matchingRound" SMALLINT NOT NULL DEFAULT 0,
    "postedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralPatient" (
    "referralId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "birthDate" DATE NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReferralPatient_pkey" PRIMARY KEY ("referralId")
);

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "therapistId" TEXT NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'pending',
    "round" SMALLINT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),
    "declineReason" TEXT,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralEvent" (
    "id" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "fromStatus" "ReferralStatus",
    "toStatus" "ReferralStatus" NOT NULL,
    "reason" TEXT,

    CONSTRAINT "ReferralEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Clinic_state_idx" ON "Clinic"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Therapist_email_key" ON "Therapist"("email");

-- CreateIndex
CREATE INDEX "Therapist_phases_idx" ON "Therapist" USING GIN ("phases");

-- CreateIndex
CREATE INDEX "Therapist_formats_idx" ON "Therapist" USING GIN ("formats");

-- CreateIndex
CREATE INDEX "Therapist_languages_idx" ON "Therapist" USING GIN ("languages");

-- CreateIndex
CREATE INDEX "Therapist_accepting_idx" ON "Therapist"("accepting");

-- CreateIndex
CREATE INDEX "License_state_status_expiresOn_idx" ON "License"("state", "status", "expiresOn");

-- CreateIndex
CREATE UNIQUE INDEX "License_therapistId_state_type_number_key" ON "License"("therapistId", "state", "type", "number");

-- CreateIndex
CREATE INDEX "Authorization_states_idx" ON "Authorization" USING GIN ("states");

-- CreateIndex
CREATE INDEX "Authorization_kind_status_expiresOn_idx" ON "Authorization"("kind", "status", "expiresOn");

-- CreateIndex
CREATE INDEX "AvailabilityRule_therapistId_dayOfWeek_idx" ON "AvailabilityRule"("therapistId", "dayOfWeek");

-- CreateIndex
CREATE INDEX "Referral_clinicId_status_idx" ON "Referral"("clinicId", "status");

-- CreateIndex
CREATE INDEX "Referral_status_patientState_idx" ON "Referral"("status", "patientState");

-- CreateIndex
CREATE INDEX "Offer_therapistId_status_idx" ON "Offer"("therapistId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Offer_referralId_therapistId_key" ON "Offer"("referralId", "therapistId");

-- CreateIndex
CREATE INDEX "ReferralEvent_referralId_at_idx" ON "ReferralEvent"("referralId", "at");

-- AddForeignKey
ALTER TABLE "CompactMember" ADD CONSTRAINT "CompactMember_compactSlug_fkey" FOREIGN KEY ("compactSlug") REFERENCES "Compact"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "License" ADD CONSTRAINT "License_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Authorization" ADD CONSTRAINT "Authorization_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityRule" ADD CONSTRAINT "AvailabilityRule_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralPatient" ADD CONSTRAINT "ReferralPatient_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralEvent" ADD CONSTRAINT "ReferralEvent_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;
