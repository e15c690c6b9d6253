-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "api" TEXT NOT NULL DEFAULT 'chat';

-- AlterTable
ALTER TABLE "UsageRollupHourly" DROP CONSTRAINT "UsageRollupHourly_pkey",
ADD COLUMN     "api" TEXT NOT NULL DEFAULT 'chat',
ADD CONSTRAINT "UsageRollupHourly_pkey" PRIMARY KEY ("hour", "tenantId", "apiKeyId", "model", "providerId", "api");

-- AlterTable
ALTER TABLE "UsageRollupDaily" DROP CONSTRAINT "UsageRollupDaily_pkey",
ADD COLUMN     "api" TEXT NOT NULL DEFAULT 'chat',
ADD CONSTRAINT "UsageRollupDaily_pkey" PRIMARY KEY ("day", "tenantId", "apiKeyId", "model", "providerId", "api");

