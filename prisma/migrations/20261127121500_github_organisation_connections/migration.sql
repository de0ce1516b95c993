-- A connection may cover every repository of a GitHub organisation (its organisation webhook): a
-- delivery from an unmapped repository of that organisation maps it to a service of the same name.
ALTER TABLE "github_connection" ADD COLUMN "organisation" TEXT;
