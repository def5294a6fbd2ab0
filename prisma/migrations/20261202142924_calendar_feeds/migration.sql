-- CreateTable
CREATE TABLE "CalendarFeed" (
    "therapistId" TEXT NOT NULL,
    "urlSealed" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "busy" JSONB NOT NULL DEFAULT '[]',
    "readAt" TIMESTAMP(3),
    "events" INTEGER,
    "lastError" TEXT,
    "triedAt" TIMESTAMP(3),
    "refreshAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("therapistId")
);

-- CreateIndex
CREATE INDEX "CalendarFeed_refreshAt_idx" ON "CalendarFeed"("refreshAt");

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_therapistId_fkey" FOREIGN KEY ("therapistId") REFERENCES "Therapist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

