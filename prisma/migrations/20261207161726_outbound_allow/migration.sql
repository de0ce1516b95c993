-- The admin's outbound allow-list (lib/net/allow-list.ts): internal hosts and address ranges checks may reach.
-- CreateTable
CREATE TABLE "outbound_allow" (
    "id" SERIAL NOT NULL,
    "entry" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_allow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbound_allow_entry_key" ON "outbound_allow"("entry");
