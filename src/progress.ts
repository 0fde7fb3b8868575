/** How far a long stage has got: `quire build` prints it, tests and `quire dev` may ignore it. */
export type Progress = (stage: 'parse' | 'render', done: number, total: number) => void
