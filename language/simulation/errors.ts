/**
 * Errors and budgets of the simulation core. A `SimulationError` is a user-facing
 * run-time error (division by zero, an objective reading a name its environment
 * lacks) carrying the source location; callers turn it into a message. A
 * `BudgetExceeded` is internal: it unwinds one computation when a state, time or
 * cancellation budget is hit, and the orchestrator records it in `incomplete`.
 */
import type { SourceLocation } from '../model/types.js';

export class SimulationError extends Error {
    constructor(message: string, readonly location: SourceLocation | undefined) {
        super(message);
        this.name = 'SimulationError';
    }
}

export type BudgetKind = 'states' | 'time' | 'cancelled';

export class BudgetExceeded extends Error {
    constructor(readonly budget: BudgetKind, readonly limit: number) {
        super(`budget exceeded: ${budget}`);
        this.name = 'BudgetExceeded';
    }
}

/** Wall-time and cancellation guard; `check()` is cheap enough to call once per layer or per few thousand states. */
export class Budget {
    readonly maxStates: number;
    private readonly deadline: number;
    private tripped: BudgetExceeded | undefined;
    private work = 0;

    constructor(
        maxStates: number,
        readonly timeBudgetMs: number | undefined,
        private readonly signal: { cancelled: boolean } | undefined,
    ) {
        this.maxStates = maxStates;
        this.deadline = timeBudgetMs === undefined ? Infinity : Date.now() + timeBudgetMs;
    }

    /** Throws when time is up or the run was cancelled; once tripped, keeps throwing. */
    check(): void {
        if (this.tripped) throw this.tripped;
        if (this.signal?.cancelled) {
            this.tripped = new BudgetExceeded('cancelled', 0);
            throw this.tripped;
        }
        if (Date.now() > this.deadline) {
            this.tripped = new BudgetExceeded('time', this.timeBudgetMs ?? 0);
            throw this.tripped;
        }
    }

    /** Counts `n` units of work (states visited) and checks about every 65,536 units. */
    tick(n: number): void {
        this.work += n + 1;
        if (this.work >= 65536) {
            this.work = 0;
            this.check();
        }
    }

    /** The budget that stopped everything (time or cancellation), if any. */
    get stopped(): BudgetExceeded | undefined {
        return this.tripped;
    }
}
