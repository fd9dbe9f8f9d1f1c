import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__WBBSI_TEST_DB__?.stop();
  if (process.env.WBBSI_TEST_DB_DIR) rmSync(process.env.WBBSI_TEST_DB_DIR, { recursive: true, force: true });
}
