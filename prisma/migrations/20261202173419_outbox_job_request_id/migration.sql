-- AlterTable
ALTER TABLE "OutboxJob" ADD COLUMN     "requestId" TEXT;

