-- Pull requests (GitHub) and merge requests (GitLab) as data, for lead time's stages (issue 25): one row per
-- service and number, linked to its changes by change.pr_number. Every time is the earliest one heard of
-- (LEAST), so webhooks, imports and replays in any order give the same row; what a pull request looks like
-- (title, author, labels, size) is taken from the most recent payload (facts_at).
CREATE TABLE "pull_request" (
    "service_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT,
    "url" TEXT,
    "author_login" TEXT,
    "author_is_bot" BOOLEAN NOT NULL DEFAULT false,
    "first_commit_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "ready_at" TIMESTAMPTZ(3),
    "first_review_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "merged_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "additions" INTEGER,
    "deletions" INTEGER,
    "changed_files" INTEGER,
    "labels" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "facts_at" TIMESTAMPTZ(3),

    CONSTRAINT "pull_request_pkey" PRIMARY KEY ("service_id","number"),
    CONSTRAINT "pull_request_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "service"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
