/** Types of web/build.mjs, for the tests that build the browser bundles into a folder of their own. */
export declare const WEB_BUNDLES: readonly string[];
export declare function buildWeb(names: readonly string[], out?: string): Promise<void>;
