-- CreateIndex
CREATE INDEX "Authorization_therapistId_idx" ON "Authorization"("therapistId");

