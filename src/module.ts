import type { Calendar } from './calendar/reporting-calendar';
import type { Config } from './config';
import type { ActionHandler } from './conversation/action-registry';
import type { Reply } from './conversation/reply';
import type { Actor } from './domain/actor';
import type { CommandSpec } from './conversation/command-registry';
import type { FormEngine } from './conversation/form-engine';
import type { FormSink, Submitter } from './conversation/submit-port';
import type { Store } from './db/store';
import type { FileLinks } from './files/file-links';
import type { FormId } from './forms/form';
import type { Notifier } from './notify/notifier';
import type { XlsxAppendices } from './render/xlsx-appendix';
import type { Clock } from './support/clock';
import type { Logger } from './support/logger';

/**
 * A scheduled job of a feature. The scheduler (jobs/scheduler.ts) only wakes it; what is due is
 * decided by the job from `at`, so tests and `wbbsi remind run --at` run the same code at any instant.
 */
export interface Job {
  name: string;
  every: 'quarter-hour' | 'day';
  /** Returns null when another instance already ran this slot. */
  run(at: Date): Promise<unknown>;
}

/** A file someone sent the bot (a spreadsheet to import): its name, its bytes, what they wrote with it. */
export interface SentFile {
  name: string;
  content: Buffer;
  hint?: string;
}

/** What a feature does with files people send (one feature may take them). */
export interface FileHandler {
  /** Why this person may not send files (asked before the surface downloads anything), or null. */
  refusal(actor: Actor): Reply | null;
  receive(actor: Actor, file: SentFile): Promise<Reply> | Reply;
}

/**
 * A feature, as the core assembles it (src/core.ts, one loop): the commands people type, the
 * buttons and card actions its messages carry, its scheduled jobs, the forms it stores, and what it
 * does once at start. Nothing is registered anywhere else, so a feature cannot be half wired.
 * Adding a feature = writing its `<feature>.module.ts` and listing it in src/modules.ts.
 */
export interface FeatureModule<Api = unknown> {
  id: string;
  commands?: CommandSpec[];
  /** Action id → handler. Every action id a message of this feature carries must be here. */
  actions?: Record<string, ActionHandler>;
  jobs?: Job[];
  /** Files people send the bot (spreadsheets → the spreadsheets feature). */
  files?: FileHandler;
  /** Forms whose submissions this feature stores (the meeting form → meetings). */
  sinks?: Partial<Record<FormId, FormSink>>;
  /** Once, when the app starts (first-start seeds); in module order. */
  onStart?(): Promise<void>;
  /** What other features, the CLI and the tests may call. */
  api: Api;
}

/** What a feature's service needs of the shared services (a subset of ModuleContext, so tests can build one alone). */
export type ServiceDeps = Pick<ModuleContext, 'config' | 'store' | 'clock' | 'logger' | 'notifier' | 'calendar'>;

/** The shared services every feature module is built from (src/core.ts builds them once). */
export interface ModuleContext {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  /** The one reporting calendar (holidays and timezone included). */
  calendar: Calendar;
  files: FileLinks;
  /** The conversational form machinery: start a form, edit a record, resume a draft. */
  forms: FormEngine;
  /** Stores a form's answers (the nil return, records, the forms of the modules' sinks). */
  submitter: Submitter;
  /** Sheets features add to every report's XLSX workbook. */
  xlsxAppendices: XlsxAppendices;
}
