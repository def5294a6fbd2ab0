-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'therapist_invitation';

