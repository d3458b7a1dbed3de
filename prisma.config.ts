// Used only by `prisma generate` (run at install). The app never reads this file: it
// connects through driver adapters (src/db/) and migrates with the wasm schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
