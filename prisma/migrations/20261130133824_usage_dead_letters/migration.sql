-- CreateTable
CREATE TABLE "UsageDeadLetter" (
    "id" BIGSERIAL NOT NULL,
    "requestId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageDeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UsageDeadLetter_requestId_key" ON "UsageDeadLetter"("requestId");

-- CreateIndex
CREATE INDEX "UsageDeadLetter_createdAt_idx" ON "UsageDeadLetter"("createdAt");

