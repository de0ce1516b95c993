-- CreateEnum
CREATE TYPE "EnvironmentTier" AS ENUM ('production', 'staging', 'testing', 'development');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('success', 'failure', 'in_progress', 'cancelled');

-- CreateEnum
CREATE TYPE "DeploymentStrategy" AS ENUM ('rolling', 'blue_green', 'canary', 'recreate', 'other');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('critical', 'high', 'medium', 'low');

-- CreateEnum
CREATE TYPE "CauseLinkMethod" AS ENUM ('explicit_deployment', 'explicit_sha', 'manual', 'inferred');

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "repository_url" TEXT,
    "path_prefixes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environment" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "tier" "EnvironmentTier" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "status" "DeploymentStatus" NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "sha" TEXT,
    "ref" TEXT,
    "version" TEXT,
    "strategy" "DeploymentStrategy" NOT NULL DEFAULT 'other',
    "is_rollback" BOOLEAN NOT NULL DEFAULT false,
    "is_hotfix" BOOLEAN NOT NULL DEFAULT false,
    "url" TEXT,
    "triggered_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "sha" TEXT NOT NULL,
    "authored_at" TIMESTAMPTZ(3),
    "committed_at" TIMESTAMPTZ(3),
    "message" TEXT,
    "pr_number" INTEGER,
    "pr_opened_at" TIMESTAMPTZ(3),
    "pr_merged_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_change" (
    "deployment_id" INTEGER NOT NULL,
    "change_id" INTEGER NOT NULL,

    CONSTRAINT "deployment_change_pkey" PRIMARY KEY ("deployment_id","change_id")
);

-- CreateTable
CREATE TABLE "change_first_deployment" (
    "change_id" INTEGER NOT NULL,
    "environment_id" INTEGER NOT NULL,
    "deployment_id" INTEGER NOT NULL,
    "deployed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "change_first_deployment_pkey" PRIMARY KEY ("change_id","environment_id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "environment_id" INTEGER,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "IncidentSeverity",
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "is_outage" BOOLEAN NOT NULL DEFAULT false,
    "url" TEXT,
    "cause_deployment_id" INTEGER,
    "cause_link_method" "CauseLinkMethod",
    "fix_deployment_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_log" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delivery_id" TEXT,
    "token_id" INTEGER,
    "raw_body" TEXT NOT NULL,
    "outcome" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "ingest_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "team_slug_key" ON "team"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "service_slug_key" ON "service"("slug");

-- CreateIndex
CREATE INDEX "service_team_id_idx" ON "service"("team_id");

-- CreateIndex
CREATE INDEX "service_repository_url_idx" ON "service"("repository_url");

-- CreateIndex
CREATE UNIQUE INDEX "environment_name_key" ON "environment"("name");

-- CreateIndex
CREATE INDEX "deployment_service_id_environment_id_finished_at_idx" ON "deployment"("service_id", "environment_id", "finished_at");

-- CreateIndex
CREATE INDEX "deployment_environment_id_finished_at_idx" ON "deployment"("environment_id", "finished_at");

-- CreateIndex
CREATE INDEX "deployment_finished_at_idx" ON "deployment"("finished_at");

-- CreateIndex
CREATE INDEX "deployment_service_id_sha_idx" ON "deployment"("service_id", "sha");

-- CreateIndex
CREATE UNIQUE INDEX "deployment_service_id_source_external_id_key" ON "deployment"("service_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "change_service_id_committed_at_idx" ON "change"("service_id", "committed_at");

-- CreateIndex
CREATE UNIQUE INDEX "change_service_id_sha_key" ON "change"("service_id", "sha");

-- CreateIndex
CREATE INDEX "deployment_change_change_id_idx" ON "deployment_change"("change_id");

-- CreateIndex
CREATE INDEX "change_first_deployment_environment_id_deployed_at_idx" ON "change_first_deployment"("environment_id", "deployed_at");

-- CreateIndex
CREATE INDEX "change_first_deployment_deployment_id_idx" ON "change_first_deployment"("deployment_id");

-- CreateIndex
CREATE INDEX "incident_service_id_opened_at_idx" ON "incident"("service_id", "opened_at");

-- CreateIndex
CREATE INDEX "incident_opened_at_idx" ON "incident"("opened_at");

-- CreateIndex
CREATE INDEX "incident_cause_deployment_id_idx" ON "incident"("cause_deployment_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_service_id_source_external_id_key" ON "incident"("service_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "ingest_log_received_at_idx" ON "ingest_log"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_log_source_delivery_id_key" ON "ingest_log"("source", "delivery_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_hash_key" ON "api_token"("hash");

-- CreateIndex
CREATE INDEX "api_token_team_id_idx" ON "api_token"("team_id");

-- AddForeignKey
ALTER TABLE "service" ADD CONSTRAINT "service_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment" ADD CONSTRAINT "deployment_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change" ADD CONSTRAINT "change_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_change" ADD CONSTRAINT "deployment_change_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_change" ADD CONSTRAINT "deployment_change_change_id_fkey" FOREIGN KEY ("change_id") REFERENCES "change"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_first_deployment" ADD CONSTRAINT "change_first_deployment_change_id_fkey" FOREIGN KEY ("change_id") REFERENCES "change"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_first_deployment" ADD CONSTRAINT "change_first_deployment_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_first_deployment" ADD CONSTRAINT "change_first_deployment_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_cause_deployment_id_fkey" FOREIGN KEY ("cause_deployment_id") REFERENCES "deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_fix_deployment_id_fkey" FOREIGN KEY ("fix_deployment_id") REFERENCES "deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
