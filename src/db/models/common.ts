/**
 * FerretDB 1.24 and MongoDB alike: no automatic index builds (we create the ones we need, with
 * supported options only, in src/db/indexes.ts), string ids we choose, no __v field. createdAt and
 * updatedAt are set by repositories from the injected clock, not by mongoose, so tests can move time.
 */
export const schemaOptions = {
  autoIndex: false,
  autoCreate: false,
  versionKey: false,
  strict: true,
  minimize: false,
} as const;
