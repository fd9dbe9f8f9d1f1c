import { z } from 'zod';
import { MEETING_TYPES } from '../config/vocabulary';
import { actionItemInputSchema } from '../domain/action-item';
import { canManageMeetings } from '../domain/permissions';
import { field, type Field } from './field';
import { defineForm } from './form';


const actionItems: Field = {
  schema: z.array(actionItemInputSchema).max(40, 'Please keep it to 40 action items.').optional(),
  meta: {
    kind: 'action-items',
    label: 'Action items',
    help: 'One per line: what | owner organisation | due date, e.g. "Share the draft SOP | Serbia MoI | 15.2.2027".',
    optional: true,
  },
};

/** A Support Group (or Board, cross-pillar…) meeting: scheduled ahead, completed after. */
export const meetingForm = defineForm({
  id: 'meeting',
  title: 'Meeting',
  intro: 'Record a meeting. You can create it ahead of time and complete it after the meeting.',
  fields: {
    type: field.choice(MEETING_TYPES, { label: 'Type of meeting' }),
    title: field.text({ label: 'Title', example: '12th WBBSi Support Group meeting', max: 200, min: 3 }),
    startsAt: field.datetime({ label: 'Date and time', help: 'E.g. 2027-01-20 10:00 (your timezone).' }),
    venue: field.text({ label: 'Venue', help: 'A place, or "online".', max: 200 }),
    chairs: field.orgs({ label: 'Chairs', help: 'The chairing organisations, e.g. IISG Secretariat, Montenegro MoI.', optional: true, max: 5 }),
    participants: field.orgs({ label: 'Participating organisations', help: 'Pick them, or type "all".', optional: true }),
    agenda: field.lines({ label: 'Agenda', optional: true, maxItems: 30 }),
    decisions: field.lines({ label: 'Decisions', help: 'One per line. Start a line with "Board:" for a proposal to the IISG Board.', optional: true, maxItems: 30 }),
    actionItems,
  },
  allowed: canManageMeetings,
  describe: (d) => `a meeting record${d.title ? ` ("${String(d.title)}")` : ''}`,
});
