import { Gate } from '../../src/support/gate';

/** A task that stays running until `finish()` is called. */
function held(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return { task: () => (log.push(`start ${name}`), done), finish: () => finish(), fail: (e: Error) => fail(e) };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('the gate that bounds whole-form submissions stored at once', () => {
  it('runs at most its size at once, the others in arrival order as slots free up', async () => {
    const gate = new Gate(2);
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => held(log, n));
    const results = [a, b, c, d].map((h) => gate.run(h!.task));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b!.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    a!.finish();
    c!.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    d!.finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the slot of a task that fails, and hands its error to its caller', async () => {
    const gate = new Gate(1);
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((n) => held(log, n));
    const first = gate.run(a!.task);
    const second = gate.run(b!.task);
    await settle();
    expect(log).toEqual(['start a']);
    a!.fail(new Error('database refused'));
    await expect(first).rejects.toThrow('database refused');
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b!.finish();
    await expect(second).resolves.toBe('b');
    // The slot is free again: the next two run one after the other.
    const [c, e] = ['c', 'e'].map((n) => held(log, n));
    const third = gate.run(c!.task);
    const fourth = gate.run(e!.task);
    await settle();
    expect(log.slice(2)).toEqual(['start c']);
    c!.finish();
    await settle();
    e!.finish();
    await expect(Promise.all([third, fourth])).resolves.toEqual(['c', 'e']);
  });
});
