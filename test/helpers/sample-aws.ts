/** The bundled sample account behind `aws`, as a sample-mode run sees it. */

import { sampleResponder } from '../../fixtures/sample';
import { createAws } from '../../src/aws';
import type { Recorder } from '../../src/aws/cassette';
import { plain, type Responder } from '../../src/aws/replay';
import { loadConfig } from '../../src/config';
import type { Note } from '../../src/domain/note';
import { collectOrganization } from '../../src/jobs/organization';

/** An `aws` answering from the sample account for this day (home region us-east-1, seed 1 unless given). */
export const sampleAws = (asOf: string, seed = 1) =>
  createAws({ mode: 'sample', homeRegion: 'us-east-1', responder: sampleResponder({ asOf, seed }) });

/** An `aws` in sample mode answered by `responder` instead of the sample account. */
export const respondingAws = (responder: Responder) =>
  createAws({ mode: 'sample', homeRegion: 'us-east-1', responder });

/**
 * The sample organization as a run reads it: every account through its member role, on the local runner. The
 * resources and Compute Optimizer of all three accounts, with the notes.
 */
export async function sampleOrganization(asOf: string, seed = 1, env: Record<string, string> = {}) {
  const aws = sampleAws(asOf, seed);
  const notes: Note[] = [];
  const read = await collectOrganization(
    aws,
    loadConfig(env),
    { asOf, self: '111111111111', scope: 'organization' },
    notes,
  );
  return { aws, notes, ...read };
}

/** An `aws` on the sample organization that keeps every answer (or error) in `recorder`, as `record` keeps AWS's. */
export const recordingSample = (asOf: string, recorder: Recorder) => {
  const sample = sampleResponder({ asOf, seed: 1 });
  return respondingAws(async (call) => {
    try {
      const output = await sample(call);
      recorder.record(call, { output: plain(output) });
      return output;
    } catch (err) {
      recorder.record(call, { error: { name: (err as Error).name, message: (err as Error).message } });
      throw err;
    }
  });
};
