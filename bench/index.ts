/** The areas' benches, run by scripts/bench.mjs after the daily-run and bundle figures. Each prints figures only. */
import { benchAnalyzer } from './analyzer';
import { benchAnomaly } from './anomaly';
import { benchCharts } from './charts';
import { benchDetectSpeed } from './detect-speed';
import { benchNabSets } from './nab-sets';
import { benchOrganization } from './organization';
import { benchSlack } from './slack';

export const benches: Record<string, () => Promise<Record<string, string | number>>> = {
  analyzer: benchAnalyzer,
  anomaly: benchAnomaly,
  charts: benchCharts,
  detect: benchDetectSpeed,
  nab: benchNabSets,
  organization: benchOrganization,
  slack: benchSlack,
};
