-- CreateEnum
CREATE TYPE "DeploymentKind" AS ENUM ('chat', 'embedding');

-- AlterTable: every deployment stored before this migration is a chat model
ALTER TABLE "Deployment" ADD COLUMN     "kind" "DeploymentKind" NOT NULL DEFAULT 'chat';
