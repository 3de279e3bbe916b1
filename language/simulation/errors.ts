/**
 * Errors and budgets of the simulation core. A `SimulationError` is a user-facing
 * run-time error (division by zero, a value that is not a finite number, an objective
 * reading a name its environment lacks) carrying the source location; callers turn it
 * into a message. A
 * `BudgetExceeded` is internal: it unwinds one computation when a state, time or
 * cancellation budget is hit, and the orchestrator records it in `incomplete`.
 */
import type { SourceLocation } from '../model/spec.js';
import { keepShape } from './shapes.js';

export class SimulationError extends Error {
    /** `code`: the diagnostic it is reported as; an index out of range has its own (docs/simulation.md, Run-time errors). */
    constructor(message: string, readonly location: SourceLocation | undefined,
        readonly code: 'runtime-error' | 'index-out-of-range' = 'runtime-error') {
        super(message);
        this.name = 'SimulationError';
    }
}

/** Why a value is not a finite number, in every such message (docs/simulation.md, Run-time errors). */
export const OVERFLOW = 'a value overflowed the range of double-precision numbers (about ±1.8e308)';

/**
 * A planning value that is not a finite number, at state `state` of the graph being
 * solved: thrown by the dynamic programming, which knows no objective, and turned into a
 * located SimulationError by its caller.
 */
export class NonFiniteValue extends Error {
    constructor(readonly state: number) {
        super(`a value that is not a finite number at state ${state}`);
        this.name = 'NonFiniteValue';
    }
}

export type BudgetKind = 'states' | 'time' | 'cancelled';

export class BudgetExceeded extends Error {
    /** `limit` is the cap that was hit; `memoryBound` when memory, not the requested cap, set it. */
    constructor(readonly budget: BudgetKind, readonly limit: number, readonly memoryBound = false) {
        super(`budget exceeded: ${budget}`);
        this.name = 'BudgetExceeded';
    }
}

/**
 * Units of work (about one simple operation of generated or DP code each) between two
 * looks at the clock and the cancellation signal: about 0.1 ms of optimised code, a few
 * ms at worst. Callers `spend` units in proportion to what they do, so a check comes
 * after the same amount of work however wide a state is.
 */
export const CHECK_UNITS = 1 << 16;

/** A clock in milliseconds; tests pass a fake one. */
export type Clock = () => number;

/**
 * Wall-time and cancellation guard. `spend(units)` is cheap (an add and a compare) and
 * looks at the clock and the signal every `CHECK_UNITS` units; `check()` looks at once.
 * Once tripped it keeps throwing the same `BudgetExceeded`, at every call of either, so
 * every later phase stops at its first call.
 */
export class Budget {
    readonly maxStates: number;
    private readonly deadline: number;
    private tripped: BudgetExceeded | undefined;
    private work = 0;
    private flushed = 0;
    /** Looks at the clock and signal so far (for tests and benchmarks). */
    checks = 0;

    constructor(
        maxStates: number,
        readonly timeBudgetMs: number | undefined,
        private readonly signal: { cancelled: boolean } | undefined,
        private readonly now: Clock = Date.now,
    ) {
        this.maxStates = maxStates;
        this.deadline = timeBudgetMs === undefined ? Infinity : now() + timeBudgetMs;
    }

    /** Throws when time is up or the run was cancelled; once tripped, keeps throwing. */
    check(): void {
        if (this.tripped) throw this.tripped;
        this.checks++;
        if (this.signal?.cancelled) {
            this.tripped = new BudgetExceeded('cancelled', 0);
            throw this.tripped;
        }
        if (this.deadline !== Infinity && this.now() > this.deadline) {
            this.tripped = new BudgetExceeded('time', this.timeBudgetMs ?? 0);
            throw this.tripped;
        }
    }

    /** Counts `units` of work; checks once `CHECK_UNITS` have accumulated, and throws at once when already tripped. */
    spend(units: number): void {
        if (this.tripped) throw this.tripped;
        this.work += units;
        if (this.work >= CHECK_UNITS) {
            this.flushed += this.work;
            this.work = 0;
            this.check();
        }
    }

    /** Counts `n` states of a dynamic-programming pass (a few units each). */
    tick(n: number): void {
        this.spend(4 * n + 1);
    }

    /** Units spent so far (for tests and benchmarks). */
    get spent(): number {
        return this.flushed + this.work;
    }

    /** The budget that stopped everything (time or cancellation), if any. */
    get stopped(): BudgetExceeded | undefined {
        return this.tripped;
    }
}

// Every analysis makes its own budget; its shape outlives them (shapes.ts).
keepShape(new Budget(1, undefined, undefined));
