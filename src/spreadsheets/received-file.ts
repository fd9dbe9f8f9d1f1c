import { MAX_IMPORT_BYTES } from './spreadsheet.service';

/** The answer to a spreadsheet above the import limit, on every surface. */
export const FILE_TOO_LARGE = `This file is too large (more than ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Please split it into smaller files.`;

/**
 * A downloaded file's bytes, read as they arrive and given up as soon as they pass the import limit
 * (a sender's declared size cannot be trusted): null when the file is too large.
 */
export async function readWithinLimit(body: AsyncIterable<Uint8Array>): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) return null;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
