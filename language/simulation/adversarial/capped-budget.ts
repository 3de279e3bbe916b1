/**
 * A budget with its own state cap that shares the run's wall time and cancellation:
 * a derived environment whose state space runs away is rejected at its cap, while a
 * time-out or cancellation still stops the whole analysis.
 */
import { Budget, type BudgetExceeded } from '../errors.js';

export class CappedBudget extends Budget {
    constructor(private readonly inner: Budget, maxStates: number) {
        super(maxStates, undefined, undefined);
    }

    override check(): void {
        this.inner.check();
    }

    override tick(n: number): void {
        this.inner.tick(n);
    }

    override get stopped(): BudgetExceeded | undefined {
        return this.inner.stopped;
    }
}
