/** What every adapter and background service exposes (CONVENTIONS.md, habit 1). */
export interface Component {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the work it has accepted so far is done (replies after an ack, slow reports). */
  idle?(): Promise<void>;
}
