import type { FileDoc } from '../models/file.model';
import type { RepoContext } from './context';

/**
 * Short-lived files behind signed download links (src/files). Access is decided by the link's
 * signature, so these methods take no actor.
 */
export function filesRepository(ctx: RepoContext) {
  const { files } = ctx.models;
  return {
    async put(doc: FileDoc): Promise<void> {
      await files.create(doc);
    },

    /** The file, or null when unknown or expired (a purge may not have run yet). */
    async getLive(id: string): Promise<FileDoc | null> {
      if (typeof id !== 'string' || !id) return null;
      const doc = await files.findOne({ _id: id, expiresAt: { $gt: ctx.clock.now() } }).lean<FileDoc>();
      if (!doc) return null;
      // lean() returns BSON Binary for Buffer fields; hand callers a Buffer.
      const raw = doc.content as unknown;
      const content = Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Uint8Array }).buffer);
      return { ...doc, content };
    },

    async purgeExpired(): Promise<number> {
      const res = await files.deleteMany({ expiresAt: { $lte: ctx.clock.now() } });
      return res.deletedCount;
    },
  };
}
export type FilesRepository = ReturnType<typeof filesRepository>;
