/** The I/O of attached EBS volumes (AWS/EBS, daily Sums), for the rules that judge provisioned performance and idleness. */
import type { EbsVolume } from '../../domain/resources';
import type { MetricRequests } from './metrics';

/** The AWS/EBS metrics read for each attached volume: operations and bytes, each a count (Sum per day). */
export const VOLUME_METRICS = ['VolumeReadOps', 'VolumeWriteOps', 'VolumeReadBytes', 'VolumeWriteBytes'] as const;

/** Ask for an attached volume's I/O; an unattached one does none and is judged by ebs-volume-unattached. */
export function wantVolumeMetrics(requests: MetricRequests, volume: EbsVolume): void {
  if (volume.state !== 'in-use') return;
  for (const name of VOLUME_METRICS) requests.want(volume, 'AWS/EBS', name, { VolumeId: volume.id }, 'count');
}
