import { z } from 'zod';
import { COVERAGE_LEVELS } from '../config/vocabulary';
import type { Field } from './field';

export const NEED_ID_RE = /^NM-\d{4}-(AL|BA|XK|ME|MK|RS|RG)-\d{3,5}$/;

/** Ids of needs, e.g. for a development update that answers them. */
export function needIdList(o: { label: string; help?: string; optional?: boolean }): Field {
  const base = z.array(z.string().regex(NEED_ID_RE, 'Please give need ids such as NM-2026-RS-014.')).max(20);
  const schema = (o.optional ? base : base.min(1)).transform((a) => [...new Set(a)]);
  return { schema: o.optional ? schema.optional() : schema, meta: { kind: 'need-ids', optional: Boolean(o.optional), ...o } };
}

export const needLinkSchema = z.object({
  needId: z.string().regex(NEED_ID_RE, 'Please give need ids such as NM-2026-RS-014.'),
  coverage: z.enum(COVERAGE_LEVELS.codes, { message: 'Coverage must be full, partial or contributes.' }),
});
export type NeedLink = z.infer<typeof needLinkSchema>;

/** Needs a response answers, each with how fully: "NM-2026-RS-014 full, NM-2026-AL-002 partial". */
export function needLinks(o: { label: string; help?: string; optional?: boolean }): Field {
  const schema = z
    .array(needLinkSchema)
    .max(30, 'Please link at most 30 needs.')
    .refine((a) => new Set(a.map((l) => l.needId)).size === a.length, 'Each need can be linked once.');
  return { schema: o.optional ? schema.optional() : schema.min(1), meta: { kind: 'need-links', optional: Boolean(o.optional), ...o } };
}
