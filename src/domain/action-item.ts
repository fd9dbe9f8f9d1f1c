import { z } from 'zod';

/**
 * One action item as the meeting form collects it. The stored item (src/db/models/meeting.model.ts)
 * extends this type, so a field added here cannot drift from what is kept.
 */
export const actionItemInputSchema = z.object({
  text: z.string().trim().min(3, 'Each action item needs a description.').max(300, 'Please keep each action item under 300 characters.'),
  ownerOrg: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, 'Each action item needs an owner organisation code, e.g. MOI-RS.'),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Each action item needs a due date, e.g. 2027-02-15.'),
});
export type ActionItemInput = z.infer<typeof actionItemInputSchema>;
