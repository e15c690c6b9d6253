-- CreateTable
CREATE TABLE "AuthFailureMinute" (
    "minute" TIMESTAMP(3) NOT NULL,
    "credentialId" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuthFailureMinute_pkey" PRIMARY KEY ("minute","credentialId","httpStatus")
);


-- Backfill: the failures already recorded, per minute.
INSERT INTO "AuthFailureMinute" ("minute", "credentialId", "httpStatus", "count")
SELECT date_trunc('minute', "createdAt"), "credentialId", "httpStatus", count(*)::int
FROM "AuthFailure"
GROUP BY 1, 2, 3;
