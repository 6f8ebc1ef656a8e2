/**
 * Runs async work one at a time, in the order it was asked for; work asked for `ahead` runs before
 * the work waiting without it, in its own order.
 */
export class Mutex {
  private running = false;
  private readonly waiting: (() => void)[] = [];
  private readonly waitingAhead: (() => void)[] = [];

  run<T>(work: () => Promise<T>, ahead = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        let done: Promise<T>;
        try {
          done = work();
        } catch (error) {
          done = Promise.reject(error);
        }
        done.then(resolve, reject).finally(() => this.next());
      };
      if (this.running) (ahead ? this.waitingAhead : this.waiting).push(start);
      else {
        this.running = true;
        // As when it waited: the work starts after the caller's synchronous code, never inside it.
        queueMicrotask(start);
      }
    });
  }

  private next(): void {
    const start = this.waitingAhead.shift() ?? this.waiting.shift();
    if (start) start();
    else this.running = false;
  }
}
