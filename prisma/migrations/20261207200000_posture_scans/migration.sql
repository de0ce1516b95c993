-- Workload posture scans (issue 23): the controls matrix of each posture scan, and the target a scan
-- looked at (the cluster or artifact of a posture scan).
ALTER TABLE "compliance_scan" ADD COLUMN "target" TEXT;

-- CreateTable
CREATE TABLE "posture_control_result" (
    "scan_id" INTEGER NOT NULL,
    "workload" TEXT NOT NULL,
    "control" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "checks" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "posture_control_result_pkey" PRIMARY KEY ("scan_id","workload","control")
);

-- AddForeignKey
ALTER TABLE "posture_control_result" ADD CONSTRAINT "posture_control_result_scan_id_fkey" FOREIGN KEY ("scan_id") REFERENCES "compliance_scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
