/** The bundled sample account behind `aws`, as a sample-mode run sees it. */

import { sampleResponder } from '../../fixtures/sample';
import { createAws } from '../../src/aws';
import type { Responder } from '../../src/aws/replay';

/** An `aws` answering from the sample account for this day (home region us-east-1, seed 1 unless given). */
export const sampleAws = (asOf: string, seed = 1) =>
  createAws({ mode: 'sample', homeRegion: 'us-east-1', responder: sampleResponder({ asOf, seed }) });

/** An `aws` in sample mode answered by `responder` instead of the sample account. */
export const respondingAws = (responder: Responder) =>
  createAws({ mode: 'sample', homeRegion: 'us-east-1', responder });
