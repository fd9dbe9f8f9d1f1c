import { randomBytes } from 'node:crypto';

export type IdGenerator = () => string;

/** 16 random hex characters: unique enough for drafts, audit entries and error references. */
export const randomId: IdGenerator = () => randomBytes(8).toString('hex');

/** Short reference shown to a person next to a generic error, and logged with the error. */
export const errorReference = (): string => randomBytes(3).toString('hex').toUpperCase();
