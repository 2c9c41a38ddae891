/** Types for the test suite, which measures memory with the bench's own helpers. */
export function processTree(rootPid: number): number[];
export function treeRss(rootPid: number): number;
