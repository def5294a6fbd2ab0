-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "template" TEXT,
ALTER COLUMN "text" DROP NOT NULL,
ALTER COLUMN "html" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "UserToken_expiresAt_idx" ON "UserToken"("expiresAt");

-- CreateIndex
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");

-- CreateIndex
CREATE INDEX "RateLimit_windowStart_idx" ON "RateLimit"("windowStart");

-- CreateIndex
CREATE INDEX "PatientLink_expiresAt_idx" ON "PatientLink"("expiresAt");

-- CreateIndex
CREATE INDEX "OutboxJob_doneAt_idx" ON "OutboxJob"("doneAt");


-- Emails kept their whole text, links (and their bearer tokens) included: no body is kept any more.
UPDATE "EmailMessage" SET "text" = NULL, "html" = NULL WHERE "text" IS NOT NULL OR "html" IS NOT NULL;

-- A patient-link email still waiting in the outbox holds the link's token in its payload: it
-- becomes a job that sends a fresh link when it runs (the link is made and sent at that moment).
INSERT INTO "OutboxJob" ("id", "kind", "payload", "dedupeKey", "runAt", "createdAt")
SELECT 'migrated-' || j."id", 'patient_link', jsonb_build_object('referralId', l."referralId"), 'patient-link:' || l."referralId" || ':migrated:' || j."id", j."runAt", CURRENT_TIMESTAMP
FROM "OutboxJob" j JOIN "PatientLink" l ON j."dedupeKey" = 'email:patient-link:' || l."id"
WHERE j."kind" = 'email' AND j."doneAt" IS NULL;

DELETE FROM "OutboxJob" WHERE "kind" = 'email' AND "dedupeKey" LIKE 'email:patient-link:%';

-- Emails already sent (or given up): their payloads are the sent bodies.
DELETE FROM "OutboxJob" WHERE "kind" = 'email' AND "doneAt" IS NOT NULL;
