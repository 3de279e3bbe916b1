/**
 * Number, interval and list formatting for the HTML report. All output is already
 * HTML-escaped; a missing figure (`null`, a budget was hit) shows as a marked dash.
 */
import { esc } from './escape.js';
import type { DeployInterval, TrainInterval } from '../../simulation/report.js';

/** A figure with at most three decimals, trailing zeros dropped; `—` for null. */
export function num(value: number | null, digits = 3): string {
    if (value === null) return '<span class="na" title="not computed (see the notes on incomplete analysis or skipped environments)">—</span>';
    return esc(plain(value, digits));
}

/** The same as `num` without markup, for chart titles and DOT labels. */
export function plain(value: number, digits = 3): string {
    if (!Number.isFinite(value)) return String(value);
    const fixed = value.toFixed(digits);
    const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
    return trimmed === '-0' ? '0' : trimmed;
}

/** `[lo, hi] of optimum`. */
export function interval(i: TrainInterval): string {
    return `<span class="interval">[${num(i.lo)}, ${num(i.hi)}]</span> <span class="of">of ${num(i.optimum)}</span>`;
}

/** True when the behaviour's worst value falls below the optimum. */
export function falls(i: TrainInterval): boolean {
    return i.lo !== null && i.optimum !== null && i.lo < i.optimum - 1e-9;
}

/** A deployment interval with its normalized regret. */
export function deployInterval(i: DeployInterval): string {
    const regret = i.normalizedRegret === null
        ? num(null)
        : `<span class="regret${i.normalizedRegret > 0 ? ' bad' : ''}">regret ${num(i.normalizedRegret)}</span>`;
    return `${interval(i)} ${regret}`;
}

/** A comma-separated list of escaped names, each in <code>; `none` when empty. */
export function codeList(names: readonly string[], empty = 'none'): string {
    if (names.length === 0) return `<span class="muted">${esc(empty)}</span>`;
    return names.map(n => `<code>${esc(n)}</code>`).join(', ');
}

/** An action sequence with runs compressed: `press ×30, wait`. Escaped. */
export function actionPath(path: readonly string[]): string {
    if (path.length === 0) return '<span class="muted">(the initial state)</span>';
    const runs: { action: string; count: number }[] = [];
    for (const action of path) {
        const last = runs[runs.length - 1];
        if (last && last.action === action) last.count++;
        else runs.push({ action, count: 1 });
    }
    return runs
        .map(r => `<code>${esc(r.action)}</code>${r.count > 1 ? `<span class="times">×${r.count}</span>` : ''}`)
        .join('<span class="sep">→</span>');
}

/** An element id derived from arbitrary text: stable, and safe in attributes and fragments. */
export function slug(prefix: string, index: number, text: string): string {
    const clean = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
    return `${prefix}-${index}${clean ? `-${clean}` : ''}`;
}

/** About five round tick values covering [lo, hi], for the charts drawn by code. */
export function ticks(lo: number, hi: number): number[] {
    const raw = (hi - lo) / 4;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map(k => k * mag).find(s => s >= raw) ?? raw;
    const out: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
}
