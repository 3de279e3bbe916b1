/**
 * What a long `mesa simulate` or `mesa distinguish` is doing, on one line of standard
 * error when it is a terminal: rewritten as the run enters each phase, with the seconds
 * since the run began, and erased before anything else is written (docs/cli.md,
 * Progress). Nothing when standard error is not a terminal, so that logs, pipes and
 * scripts see the results alone.
 */
export interface ProgressLine {
    /** Shows that the run now turns to `what`. */
    stage(what: string): void;
    /** Erases the line, if one is shown. */
    done(): void;
}

/** Where the line goes: a terminal's stream (`process.stderr`) or a test's stand-in. */
export interface ProgressStream {
    isTTY?: boolean;
    columns?: number;
    write(text: string): unknown;
}

/** The progress line of a run that starts now, or undefined when `stream` is not a terminal. */
export function progressLine(stream: ProgressStream, now: () => number = Date.now): ProgressLine | undefined {
    if (!stream.isTTY) return undefined;
    const start = now();
    let shown = false;
    // Carriage return, then erase to the end of the line: the next text takes the line's place.
    const erase = '\r\x1b[K';
    return {
        stage(what) {
            const text = `mesa [${((now() - start) / 1000).toFixed(1)} s]: ${what}…`;
            // Kept to one row, so that the carriage return goes back to its start (80 columns when the terminal does not say).
            const width = Math.max(20, (stream.columns || 80) - 1);
            stream.write(erase + (text.length > width ? `${text.slice(0, width - 1)}…` : text));
            shown = true;
        },
        done() {
            if (shown) stream.write(erase);
            shown = false;
        },
    };
}
