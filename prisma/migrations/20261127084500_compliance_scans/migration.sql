-- CreateTable
CREATE TABLE "compliance_scan" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "environment_id" INTEGER,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "token_id" INTEGER,
    "scanner_name" TEXT,
    "scanner_version" TEXT,
    "image_name" TEXT,
    "image_digest" TEXT,
    "commit_sha" TEXT,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "benchmark_id" TEXT,
    "content_version" TEXT,
    "profile_id" TEXT,
    "xccdf_scores" JSONB,
    "file_scores" JSONB,
    "score_mismatch" BOOLEAN NOT NULL DEFAULT false,
    "result_counts" JSONB,
    "scored_rules" INTEGER,
    "high_severity_failed" BOOLEAN NOT NULL DEFAULT false,
    "finding_count" INTEGER,
    "formula_version" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "grade" TEXT,
    "broken" BOOLEAN NOT NULL DEFAULT false,
    "broken_reason" TEXT,

    CONSTRAINT "compliance_scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compliance_rule_failure" (
    "scan_id" INTEGER NOT NULL,
    "rule_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "idents" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "compliance_rule_failure_pkey" PRIMARY KEY ("scan_id","rule_id")
);

-- CreateTable
CREATE TABLE "vulnerability_finding" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "vulnerability_id" TEXT NOT NULL,
    "package_name" TEXT NOT NULL,
    "installed_version" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "fixable" BOOLEAN NOT NULL,
    "fixed_version" TEXT,
    "title" TEXT,
    "known_exploited" BOOLEAN NOT NULL DEFAULT false,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "fixed_at" TIMESTAMPTZ(3),

    CONSTRAINT "vulnerability_finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compliance_scan_finding" (
    "scan_id" INTEGER NOT NULL,
    "finding_id" INTEGER NOT NULL,

    CONSTRAINT "compliance_scan_finding_pkey" PRIMARY KEY ("scan_id","finding_id")
);

-- CreateIndex
CREATE INDEX "compliance_scan_service_id_kind_scanned_at_idx" ON "compliance_scan"("service_id", "kind", "scanned_at");

-- CreateIndex
CREATE INDEX "compliance_scan_scanned_at_idx" ON "compliance_scan"("scanned_at");

-- CreateIndex
CREATE UNIQUE INDEX "compliance_scan_service_id_content_hash_key" ON "compliance_scan"("service_id", "content_hash");

-- CreateIndex
CREATE INDEX "vulnerability_finding_service_id_fixed_at_idx" ON "vulnerability_finding"("service_id", "fixed_at");

-- CreateIndex
CREATE UNIQUE INDEX "vulnerability_finding_service_id_vulnerability_id_package_n_key" ON "vulnerability_finding"("service_id", "vulnerability_id", "package_name", "installed_version", "target");

-- CreateIndex
CREATE INDEX "compliance_scan_finding_finding_id_idx" ON "compliance_scan_finding"("finding_id");

-- AddForeignKey
ALTER TABLE "compliance_scan" ADD CONSTRAINT "compliance_scan_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_scan" ADD CONSTRAINT "compliance_scan_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_rule_failure" ADD CONSTRAINT "compliance_rule_failure_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "compliance_scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vulnerability_finding" ADD CONSTRAINT "vulnerability_finding_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_scan_finding" ADD CONSTRAINT "compliance_scan_finding_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "compliance_scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_scan_finding" ADD CONSTRAINT "compliance_scan_finding_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "vulnerability_finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

