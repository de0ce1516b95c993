-- CreateTable
CREATE TABLE "report" (
    "id" SERIAL NOT NULL,
    "scope_kind" TEXT NOT NULL,
    "team" TEXT,
    "service" TEXT,
    "period_label" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "format" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "content" BYTEA NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_created_at_idx" ON "report"("created_at");

-- CreateIndex
CREATE INDEX "report_sha256_idx" ON "report"("sha256");

-- A report handed on must stay verifiable: its row is never changed or deleted (hand-written).
CREATE FUNCTION report_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report % is immutable', OLD.id USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER report_immutable BEFORE UPDATE OR DELETE ON "report"
  FOR EACH ROW EXECUTE FUNCTION report_immutable();
