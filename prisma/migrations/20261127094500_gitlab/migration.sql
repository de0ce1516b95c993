-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "gitlab_connection_id" INTEGER,
ADD COLUMN     "provider" TEXT NOT NULL DEFAULT 'github',
ALTER COLUMN "connection_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "gitlab_connection" (
    "id" SERIAL NOT NULL,
    "team_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "webhook_token_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gitlab_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gitlab_project" (
    "id" SERIAL NOT NULL,
    "connection_id" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "service_id" INTEGER NOT NULL,
    "pipeline_deploys" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "gitlab_project_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gitlab_connection_name_key" ON "gitlab_connection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "gitlab_project_connection_id_path_key" ON "gitlab_project"("connection_id", "path");

-- AddForeignKey
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_gitlab_connection_id_fkey" FOREIGN KEY ("gitlab_connection_id") REFERENCES "gitlab_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gitlab_connection" ADD CONSTRAINT "gitlab_connection_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gitlab_project" ADD CONSTRAINT "gitlab_project_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "gitlab_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gitlab_project" ADD CONSTRAINT "gitlab_project_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
