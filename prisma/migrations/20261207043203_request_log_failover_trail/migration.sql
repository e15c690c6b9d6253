-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "failoverTrail" TEXT;

