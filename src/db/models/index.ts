import type { Connection } from 'mongoose';
import { auditModel } from './audit.model';
import { checkinModel } from './checkin.model';
import { deliveryModel } from './delivery.model';
import { draftModel } from './draft.model';
import { meetingModel } from './meeting.model';
import { addressModel, counterModel, seenKeyModel } from './misc.model';
import { organisationModel } from './organisation.model';
import { personModel } from './person.model';
import { recordModel, recordVersionModel } from './record.model';

/** All models bound to one connection (tests open one connection per database). */
export function createModels(c: Connection) {
  return {
    organisations: organisationModel(c),
    people: personModel(c),
    records: recordModel(c),
    recordVersions: recordVersionModel(c),
    audit: auditModel(c),
    checkins: checkinModel(c),
    drafts: draftModel(c),
    meetings: meetingModel(c),
    deliveries: deliveryModel(c),
    counters: counterModel(c),
    seenKeys: seenKeyModel(c),
    addresses: addressModel(c),
  };
}
export type Models = ReturnType<typeof createModels>;
