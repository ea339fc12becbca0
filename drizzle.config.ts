import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations read by both wrangler (migrations_dir) and drizzle's Node migrator.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
});
