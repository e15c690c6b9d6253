-- CreateTable
CREATE TABLE "ProviderAttemptMinute" (
    "minute" TIMESTAMP(3) NOT NULL,
    "providerId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProviderAttemptMinute_pkey" PRIMARY KEY ("minute","providerId","outcome")
);

