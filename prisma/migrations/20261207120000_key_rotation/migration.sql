-- AlterTable: a key keeps one id across rotations, the replaced secret lives until its grace ends
ALTER TABLE "ApiKey" ADD COLUMN     "previousEndsAt" TIMESTAMP(3),
ADD COLUMN     "previousHash" TEXT,
ADD COLUMN     "previousPrefix" TEXT,
ADD COLUMN     "rotatedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_previousHash_key" ON "ApiKey"("previousHash");
