-- CreateTable
CREATE TABLE "SessionFeed" (
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastReadAt" TIMESTAMP(3),

    CONSTRAINT "SessionFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SessionFeed_tokenHash_key" ON "SessionFeed"("tokenHash");

-- AddForeignKey
ALTER TABLE "SessionFeed" ADD CONSTRAINT "SessionFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

