-- AlterEnum
ALTER TYPE "InvoiceStatus" ADD VALUE 'paid';

-- DropIndex
DROP INDEX "Invoice_tenantId_period_key";

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "allowOverage" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "monthlySpendLimitMicros" BIGINT,
ADD COLUMN     "monthlyTokenQuota" BIGINT;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "billedPricePer1MMicros" BIGINT,
ADD COLUMN     "cacheWritePricePer1MMicros" BIGINT;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "billedPricePer1MMicros" BIGINT,
ADD COLUMN     "cacheWritePricePer1MMicros" BIGINT,
ADD COLUMN     "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cachedInputPricePer1MMicros" BIGINT,
ADD COLUMN     "endUser" TEXT,
ADD COLUMN     "inputPricePer1MMicros" BIGINT,
ADD COLUMN     "outputPricePer1MMicros" BIGINT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Invoice" DROP COLUMN "subtotalMicros",
DROP COLUMN "totalCents",
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "number" TEXT,
ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "planId" TEXT,
ADD COLUMN     "planName" TEXT,
ADD COLUMN     "totalMicros" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ALTER COLUMN "status" SET DEFAULT 'draft',
ALTER COLUMN "issuedAt" DROP NOT NULL,
ALTER COLUMN "issuedAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "InvoiceLine" DROP COLUMN "unitPriceMicros",
ADD COLUMN     "kind" TEXT NOT NULL,
ADD COLUMN     "position" INTEGER NOT NULL,
ADD COLUMN     "unitMicros" BIGINT NOT NULL;

-- CreateTable
CREATE TABLE "TenantPlanChange" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL DEFAULT 'system',

    CONSTRAINT "TenantPlanChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageRollupHourly" (
    "hour" TIMESTAMP(3) NOT NULL,
    "tenantId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "providerId" TEXT NOT NULL DEFAULT '',
    "requests" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedTokens" BIGINT NOT NULL DEFAULT 0,
    "upstreamCostPicos" BIGINT NOT NULL DEFAULT 0,
    "billedPicos" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollupHourly_pkey" PRIMARY KEY ("hour","tenantId","apiKeyId","model","providerId")
);

-- CreateTable
CREATE TABLE "UsageRollupDaily" (
    "day" DATE NOT NULL,
    "tenantId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "providerId" TEXT NOT NULL DEFAULT '',
    "requests" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedTokens" BIGINT NOT NULL DEFAULT 0,
    "upstreamCostPicos" BIGINT NOT NULL DEFAULT 0,
    "billedPicos" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollupDaily_pkey" PRIMARY KEY ("day","tenantId","apiKeyId","model","providerId")
);

-- CreateTable
CREATE TABLE "UsageRollupLabel" (
    "day" DATE NOT NULL,
    "tenantId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "cachedTokens" BIGINT NOT NULL DEFAULT 0,
    "upstreamCostPicos" BIGINT NOT NULL DEFAULT 0,
    "billedPicos" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "UsageRollupLabel_pkey" PRIMARY KEY ("day","tenantId","dimension","value")
);

-- CreateTable
CREATE TABLE "LimitLease" (
    "scopeKey" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "granted" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LimitLease_pkey" PRIMARY KEY ("scopeKey","windowStart")
);

-- CreateTable
CREATE TABLE "BudgetAlert" (
    "tenantId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetAlert_pkey" PRIMARY KEY ("tenantId","period","kind","threshold")
);

-- CreateTable
CREATE TABLE "InvoiceCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InvoiceCounter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE INDEX "TenantPlanChange_tenantId_effectiveAt_idx" ON "TenantPlanChange"("tenantId", "effectiveAt");

-- CreateIndex
CREATE INDEX "UsageRollupHourly_tenantId_hour_idx" ON "UsageRollupHourly"("tenantId", "hour");

-- CreateIndex
CREATE INDEX "UsageRollupDaily_tenantId_day_idx" ON "UsageRollupDaily"("tenantId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_name_key" ON "Tenant"("name");

-- CreateIndex
CREATE INDEX "UsageRecord_tenantId_id_idx" ON "UsageRecord"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE INDEX "Invoice_tenantId_period_idx" ON "Invoice"("tenantId", "period");

-- CreateIndex
CREATE INDEX "Invoice_period_status_idx" ON "Invoice"("period", "status");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- AddForeignKey
ALTER TABLE "TenantPlanChange" ADD CONSTRAINT "TenantPlanChange_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantPlanChange" ADD CONSTRAINT "TenantPlanChange_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Existing tenants held their current plan since they were created.
INSERT INTO "TenantPlanChange" ("tenantId", "planId", "effectiveAt", "actor")
SELECT "id", "planId", "createdAt", 'migration' FROM "Tenant";
