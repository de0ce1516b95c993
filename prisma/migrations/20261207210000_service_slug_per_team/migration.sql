-- Service slugs are unique per team, not across the install (issue 18): with one global namespace a team's
-- token could claim a slug another team was about to use, and a 403 for a taken slug told which slugs other
-- teams had. The (team_id, slug) index also serves every lookup of a slug within a team.
DROP INDEX "service_slug_key";

CREATE UNIQUE INDEX "service_team_id_slug_key" ON "service"("team_id", "slug");
