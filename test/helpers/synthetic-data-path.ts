/**
 * The YAML of a small seeded data path shared by the model stage tests: synthetic ingest ->
 * four indicators -> a purged 2000 / 2001H1 / 2001H2-2002 split -> normalize (stage `scaled`).
 * `mode: 'null'` is the pure random walk; otherwise a planted signal of strength 0.3.
 * `columns` replaces the four indicators; `per` sets normalize's `per`.
 */
export function syntheticDataPath(options: { tickers: number; mode?: 'market' | 'null'; columns?: readonly string[]; per?: 'ticker' | 'pooled' }): string {
  const columns = options.columns ?? ['rsi_14', 'logret_1', 'roc_10', 'vol_close_20'];
  const scaled = options.per ? `{ uses: normalize, in: { dataset: split.dataset }, with: { per: ${options.per} } }` : '{ uses: normalize, in: { dataset: split.dataset } }';
  return `  prices:
    uses: ingest
    with: { source: synthetic, seed: 11, synthetic: { tickers: ${options.tickers}, days: 620, ${options.mode === 'null' ? 'mode: null' : 'signal_strength: 0.3'} } }
  features:
    uses: indicators
    in: { prices: prices.prices }
    with: { columns: [${columns.join(', ')}], passthrough: true }
  split:
    uses: split
    in: { features: features.features }
    with:
      train: [2000-01-01, 2000-12-31]
      val: [2001-01-01, 2001-06-30]
      test: [2001-07-01, 2002-12-31]
      embargo_days: 2
      label: { horizon: 1 }
  scaled: ${scaled}
`;
}
