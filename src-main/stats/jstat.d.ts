// Minimal typings for the parts of jstat we use (the package ships none).
declare module 'jstat' {
  interface Distribution {
    inv(p: number, ...params: number[]): number;
    cdf(x: number, ...params: number[]): number;
  }
  const jStat: {
    studentt: Distribution;
    normal: Distribution;
    chisquare: Distribution;
    centralF: Distribution;
    /** Studentized range: cdf(q, nmeans, df); df may be Infinity. */
    tukey: Distribution;
    /** ln Γ(x). */
    gammaln(x: number): number;
  };
  export default jStat;
}
