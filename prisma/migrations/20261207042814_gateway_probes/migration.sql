-- CreateTable
CREATE TABLE "GatewayProbe" (
    "id" BIGSERIAL NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "errorClass" TEXT,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "upstreamCostPicos" BIGINT NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatewayProbe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GatewayProbe_createdAt_idx" ON "GatewayProbe"("createdAt");

