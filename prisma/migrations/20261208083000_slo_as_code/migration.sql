-- SLOs as code (issue 27): the name an imported SLO was declared under, and its ratio indicator's PromQL
-- ({"good"|"bad": query, "total": query}), kept so an export gives back an equivalent OpenSLO document.
ALTER TABLE "service" ADD COLUMN "slo_name" TEXT;
ALTER TABLE "service" ADD COLUMN "slo_ratio" JSONB;
