-- CreateTable
CREATE TABLE "server_keyring" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "key_ids" TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "server_keyring_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "server_keyring_one_row" CHECK ("id" = 1)
);
