/** Load balancer hourly prices by type (the bundled table has no Gateway Load Balancer price). */

import type { LoadBalancerType } from '../domain/resources';
import { type PriceKey, price, type Rate } from './index';

const KEYS: Partial<Record<LoadBalancerType, PriceKey>> = {
  application: 'elb.alb.hour',
  network: 'elb.nlb.hour',
  classic: 'elb.clb.hour',
};

/** The fixed hourly price of a load balancer before capacity units, or undefined. */
export const loadBalancerPrice = (type: LoadBalancerType, region: string): Rate | undefined => {
  const key = KEYS[type];
  return key ? price(key, region) : undefined;
};
