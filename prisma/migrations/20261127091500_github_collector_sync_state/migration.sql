-- DropIndex
DROP INDEX "github_repository_connection_id_full_name_key";

-- AlterTable
ALTER TABLE "github_backfill" ADD COLUMN     "finished_at" TIMESTAMPTZ(3),
ADD COLUMN     "hook_id" BIGINT,
ADD COLUMN     "issues_through" TIMESTAMPTZ(3),
ADD COLUMN     "progress_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "progress_rate" DOUBLE PRECISION,
ADD COLUMN     "progress_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pulls_through" TIMESTAMPTZ(3),
ADD COLUMN     "rate_remaining" INTEGER,
ADD COLUMN     "started_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "github_connection" ADD COLUMN     "app_id" INTEGER,
ADD COLUMN     "app_installation_id" INTEGER,
ADD COLUMN     "app_private_key_enc" TEXT;

-- CreateTable
CREATE TABLE "github_etag" (
    "connection_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "link" TEXT,
    "used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "github_etag_pkey" PRIMARY KEY ("connection_id","url")
);

-- CreateIndex
CREATE UNIQUE INDEX "github_repository_connection_id_full_name_service_id_key" ON "github_repository"("connection_id", "full_name", "service_id");

-- AddForeignKey
ALTER TABLE "github_etag" ADD CONSTRAINT "github_etag_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "github_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
