-- Per-service environment-name rules (issue 22): a GitHub or GitLab deployment to an environment named here,
-- with no strategy of its own (payload.strategy, or a built-in suffix such as -canary), counts as this
-- strategy, and optionally as a deployment to another environment: {"prod-eu-shadow": {"strategy": "canary",
-- "environment": "prod-eu"}}.
ALTER TABLE "service" ADD COLUMN "environment_strategies" JSONB NOT NULL DEFAULT '{}';
