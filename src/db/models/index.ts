import type { Connection } from 'mongoose';
import { auditModel } from './audit.model';
import { checkinModel } from './checkin.model';
import { consultationEntryModel, consultationRoundModel } from './consultation.model';
import { deliveryModel } from './delivery.model';
import { draftModel } from './draft.model';
import { fileModel } from './file.model';
import { meetingModel } from './meeting.model';
import { meetingVersionModel } from './meeting-version.model';
import { addressModel, counterModel, seenKeyModel } from './misc.model';
import { organisationModel } from './organisation.model';
import { personModel } from './person.model';
import { productModel, productVersionModel } from './product.model';
import { recordModel, recordVersionModel } from './record.model';
import { settingModel } from './setting.model';
import { snoozeModel } from './snooze.model';

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
    meetingVersions: meetingVersionModel(c),
    deliveries: deliveryModel(c),
    counters: counterModel(c),
    seenKeys: seenKeyModel(c),
    addresses: addressModel(c),
    files: fileModel(c),
    snoozes: snoozeModel(c),
    products: productModel(c),
    productVersions: productVersionModel(c),
    consultationRounds: consultationRoundModel(c),
    consultationEntries: consultationEntryModel(c),
    settings: settingModel(c),
  };
}
export type Models = ReturnType<typeof createModels>;
