import type { Recommendation } from './report-model.js';

/** The recommendation's headline for each verdict, the same in the HTML and Markdown reports. */
export const VERDICT_HEADLINES: Record<Recommendation['verdict'], string> = {
  'best-model': 'Recommendation',
  'no-model-beats-buy-and-hold': 'No model beats buy-and-hold',
  'no-clear-winner': 'No single model stands out',
  'insufficient-data': 'Not enough data to decide',
};
