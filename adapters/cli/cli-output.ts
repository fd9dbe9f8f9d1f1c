import { KOSOVO_FOOTNOTE, mentionsKosovo } from '../../src/domain/kosovo';

export interface Writable {
  write(text: string): unknown;
}

/**
 * The lines a `wbbsi` command prints, with one rule for all of them: output that names Kosovo*
 * ends with the designation footnote, once, unless the command printed it already (as a report
 * document does). Applied per stream, so an error naming Kosovo* carries it too.
 */
export function cliOutput(stdout: Writable, stderr: Writable) {
  const stream = (to: Writable) => {
    let names = false;
    let footnoted = false;
    return {
      line(text: string) {
        names ||= mentionsKosovo(text);
        footnoted ||= text.includes(KOSOVO_FOOTNOTE);
        to.write(`${text}\n`);
      },
      finish() {
        if (names && !footnoted) to.write(`\n${KOSOVO_FOOTNOTE}\n`);
      },
    };
  };
  const out = stream(stdout);
  const err = stream(stderr);
  return {
    out: (text: string) => out.line(text),
    err: (text: string) => err.line(text),
    /** After the command: adds the footnote where it is owed. */
    finish() {
      out.finish();
      err.finish();
    },
  };
}
