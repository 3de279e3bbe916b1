/**
 * Judging the interventions of the distinguishing search elsewhere (docs/simulation.md,
 * Worker threads). The search judges them in order and stops at the first that rules out
 * everything asked (distinguish.ts); a host with threads (the CLI's pool) may judge them on
 * several at once, provided it returns exactly what judging them in order would. The core
 * knows only this interface: nothing here starts a thread.
 */
import type { Change } from './interventions.js';
import type { Judged } from './judge.js';

/** What every intervention of one stage is judged against. */
export interface DerivedJob {
    /** The names the objectives read: only they get values in a derived environment. */
    names: string[];
    universe: Judged[];
    /** The indices of `universe` to judge, in the search's order. */
    among: number[];
    /** States of the training environment, which set a derived environment's cap. */
    trainStates: number;
}

/** One intervention as plain data, rebuilt where it is judged (interventions.ts, `derivedEnvironment`). */
export interface DerivedTask {
    train: string;
    changes: Change[];
    index: number;
}

/** What an intervention rules out: the indices of `among` in the order judged; null when it cannot judge (rejected). */
export type Covers = number[] | null;

export interface DerivedFarm {
    /**
     * Per task in order, what it rules out, up to and including the first that rules out
     * all of `job.among` (the rest are left out); `here(i)` judges task i on this thread.
     * Throws what judging them in order on this thread would throw.
     */
    judgeAll(tasks: DerivedTask[], job: DerivedJob, here: (i: number) => Covers): Covers[];
}

/** Judges the tasks in order on this thread, up to the first that rules out everything asked. */
export function judgeInOrder(n: number, job: DerivedJob, here: (i: number) => Covers): Covers[] {
    const out: Covers[] = [];
    for (let i = 0; i < n; i++) {
        const covers = here(i);
        out.push(covers);
        if (rulesOutAll(covers, job)) break;
    }
    return out;
}

/** Whether an intervention rules out everything the job asks. */
export function rulesOutAll(covers: Covers, job: DerivedJob): boolean {
    return covers !== null && covers.length === job.among.length;
}
