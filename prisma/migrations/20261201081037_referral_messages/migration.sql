-- CreateEnum
CREATE TYPE "MessageSide" AS ENUM ('clinic', 'therapist');

-- CreateTable
CREATE TABLE "ReferralMessage" (
    "id" TEXT NOT NULL,
    "referralId" TEXT NOT NULL,
    "from" "MessageSide" NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferralMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReferralMessage_referralId_createdAt_idx" ON "ReferralMessage"("referralId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReferralMessage" ADD CONSTRAINT "ReferralMessage_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralMessage" ADD CONSTRAINT "ReferralMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

