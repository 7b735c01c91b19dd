import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAPPING, PARITY_DOC, renderParity } from '../../scripts/parity.mjs';
import { RULES } from '../../src/analyze/rules';

interface Entry {
  id: string;
  title: string;
  rules?: string[];
  via?: string;
  why?: string;
}
const mapping = JSON.parse(readFileSync(MAPPING, 'utf8')) as { sources: { name: string; entries: Entry[] }[] };
const ids = new Set(RULES.map((r) => r.id));

describe('docs/parity.md', () => {
  it('is generated from the catalog and docs/parity.json: node scripts/parity.mjs finds it up to date', () => {
    expect(readFileSync(PARITY_DOC, 'utf8')).toBe(renderParity(RULES, mapping));
  });

  it('maps every check to rules that exist, another source, or a reason', () => {
    for (const source of mapping.sources) {
      for (const e of source.entries) {
        const named = [e.rules?.length ? 'rules' : '', e.via ? 'via' : '', e.why ? 'why' : ''].filter(Boolean);
        expect(named, `${source.name} ${e.id}`).toHaveLength(1);
        for (const id of e.rules ?? []) expect(ids.has(id), `${e.id} names ${id}`).toBe(true);
      }
    }
  });

  it('holds all 55 aws_thrifty controls, each once', () => {
    const thrifty = mapping.sources.find((s) => s.name.includes('aws_thrifty'))?.entries ?? [];
    expect(new Set(thrifty.map((e) => e.id)).size).toBe(55);
    expect(thrifty).toHaveLength(55);
  });
});
