/**
 * The building's version counter during one write transaction. It is read from the locked
 * building row, every row write takes the next value, and the transaction writes the last value
 * back before committing. Because the building row stays locked until then, versions are handed
 * out in commit order without gaps: a desk that has pulled up to version N never later meets a
 * newly committed row at a version at or below N.
 */
export class VersionClock {
  #current: number;

  constructor(start: number) {
    this.#current = start;
  }

  get current(): number {
    return this.#current;
  }

  next(): number {
    this.#current += 1;
    return this.#current;
  }

  /** After a rollback to a savepoint: the undone writes' versions are handed out again. */
  rewind(to: number): void {
    if (to > this.#current) throw new RangeError('a version clock only rewinds');
    this.#current = to;
  }
}
