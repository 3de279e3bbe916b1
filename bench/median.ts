/** The median of the benchmarks' runs: the middle value, or the upper of the two middle ones. */
export function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[s.length >> 1]!;
}
