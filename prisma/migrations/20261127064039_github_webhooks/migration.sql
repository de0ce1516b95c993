-- CreateTable
CREATE TABLE "github_connection" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "webhook_secret_enc" TEXT NOT NULL,
    "api_token_enc" TEXT,
    "base_url" TEXT NOT NULL DEFAULT 'https://api.github.com',
    "incident_label" TEXT NOT NULL DEFAULT 'incident',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "github_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "github_repository" (
    "id" SERIAL NOT NULL,
    "connection_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "service_id" INTEGER NOT NULL,
    "deploy_workflow" TEXT,

    CONSTRAINT "github_repository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "connection_id" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "raw_body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "enqueued_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "github_backfill" (
    "connection_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "done_through" TIMESTAMPTZ(3),
    "imported" INTEGER NOT NULL DEFAULT 0,
    "last_synced_at" TIMESTAMPTZ(3),
    "gaps_found" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "github_backfill_pkey" PRIMARY KEY ("connection_id","full_name")
);

-- CreateIndex
CREATE UNIQUE INDEX "github_connection_name_key" ON "github_connection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "github_repository_connection_id_full_name_key" ON "github_repository"("connection_id", "full_name");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_delivery_id_key" ON "webhook_delivery"("delivery_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_state_enqueued_at_idx" ON "webhook_delivery"("state", "enqueued_at");

-- AddForeignKey
ALTER TABLE "github_connection" ADD CONSTRAINT "github_connection_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "github_repository" ADD CONSTRAINT "github_repository_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "github_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "github_repository" ADD CONSTRAINT "github_repository_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "github_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
