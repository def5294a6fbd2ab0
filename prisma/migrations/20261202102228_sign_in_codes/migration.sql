-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "signInCodeExpiresAt" TIMESTAMP(3),
ADD COLUMN     "signInCodeHash" TEXT;

-- CreateTable
CREATE TABLE "SignInAddress" (
    "userId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "lastSignedInAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInAddress_pkey" PRIMARY KEY ("userId","ip")
);

-- CreateIndex
CREATE INDEX "SignInAddress_lastSignedInAt_idx" ON "SignInAddress"("lastSignedInAt");

-- AddForeignKey
ALTER TABLE "SignInAddress" ADD CONSTRAINT "SignInAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

