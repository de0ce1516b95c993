-- A finding's lifecycle is per (service, environment, target, scanner kind) (issue 23): a scan closes
-- only the findings of its own target (image digest, else image name) and environment. lifecycle_key
-- = '<kind>|<environment id or empty>|<target>'. Existing findings take the environment and target of
-- the latest scan that listed them.
ALTER TABLE "vulnerability_finding" ADD COLUMN "environment_id" INTEGER;
ALTER TABLE "vulnerability_finding" ADD COLUMN "scan_target" TEXT NOT NULL DEFAULT '';
ALTER TABLE "vulnerability_finding" ADD COLUMN "lifecycle_key" TEXT NOT NULL DEFAULT '';

UPDATE "vulnerability_finding" f
SET "environment_id" = x.environment_id, "scan_target" = x.scan_target,
    "lifecycle_key" = 'vulnerability|' || coalesce(x.environment_id::text, '') || '|' || x.scan_target
FROM (
  SELECT DISTINCT ON (sf.finding_id) sf.finding_id, s.environment_id, coalesce(s.image_digest, s.image_name, '') AS scan_target
  FROM "compliance_scan_finding" sf JOIN "compliance_scan" s ON s.id = sf.scan_id
  ORDER BY sf.finding_id, s.scanned_at DESC, s.id DESC
) x
WHERE x.finding_id = f.id;

DROP INDEX "vulnerability_finding_service_id_vulnerability_id_package_n_key";
CREATE UNIQUE INDEX "vulnerability_finding_lifecycle_key" ON "vulnerability_finding"("service_id", "lifecycle_key", "vulnerability_id", "package_name", "installed_version", "target");

ALTER TABLE "vulnerability_finding" ADD CONSTRAINT "vulnerability_finding_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
