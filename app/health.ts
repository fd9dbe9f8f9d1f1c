import type { Request, Response } from 'express';
import type { Database } from '../src/db/database';

/** GET /healthz: 200 with the database state when it answers a ping, 503 when it does not. */
export function healthRoute(database: Database, components: () => string[]) {
  return async (_req: Request, res: Response) => {
    let up: boolean;
    try {
      await database.connection.db?.admin().ping();
      up = true;
    } catch {
      up = false;
    }
    res.status(up ? 200 : 503).json({
      ok: up,
      database: { state: up ? 'up' : 'down', kind: database.kind },
      components: components(),
    });
  };
}
