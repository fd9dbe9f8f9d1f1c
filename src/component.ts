/** What every adapter and background service exposes (CONVENTIONS.md, habit 1). */
export interface Component {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
